package org.townhall;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Modules talk only through each other's package root; a reach into another's internals fails here. */
class ModularityTest {

    @Test
    void modulesRespectEachOthersBoundaries() {
        ApplicationModules.of(TownhallApplication.class).verify();
    }
}
