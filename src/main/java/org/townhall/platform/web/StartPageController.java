package org.townhall.platform.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The start page residents land on. */
@Controller
class StartPageController {

    @GetMapping("/")
    String start() {
        return "index";
    }
}
