package org.townhall.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium (Debian's, with its own chromedriver: nothing is downloaded), plus an
 * axe-core check for WCAG 2.2 AA on every page a journey visits.
 */
public final class Browser implements AutoCloseable {

    private static final List<String> WCAG_22_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

    private final WebDriver driver;
    private final String base;

    public Browser(int port) {
        this.base = "http://localhost:" + port;
        try {
            File profile = Files.createTempDirectory("townhall-chromium").toFile();
            ChromeOptions options = new ChromeOptions();
            options.setBinary(System.getenv().getOrDefault("CHROMIUM_BINARY", "/usr/bin/chromium"));
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--disable-quic", "--window-size=1280,1024", "--user-data-dir=" + profile);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver")))
                    .usingAnyFreePort().build();
            this.driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code script} in every page this browser opens from now on, before the page's own scripts. */
    public Browser beforeEveryPage(String script) {
        ((org.openqa.selenium.chrome.ChromeDriver) driver).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
                java.util.Map.of("source", script));
        return this;
    }

    public Browser open(String path) {
        driver.get(path.startsWith("http") ? path : base + path);
        return this;
    }

    public Browser type(String fieldId, String text) {
        WebElement field = driver.findElement(By.id(fieldId));
        field.clear();
        field.sendKeys(text);
        return this;
    }

    /** Clicks the submit button of the form holding the given field, and waits for the next page. */
    public Browser submit(String fieldId) {
        WebElement page = driver.findElement(By.tagName("html"));
        driver.findElement(By.id(fieldId)).submit();
        return waitForNextPage(page);
    }

    /** Clicks a button or link by its text, and waits for the page it leads to. */
    public Browser click(String buttonText) {
        WebElement page = driver.findElement(By.tagName("html"));
        driver.findElement(By.xpath("//*[self::button or self::a][normalize-space()='" + buttonText + "']")).click();
        return waitForNextPage(page);
    }

    /**
     * A click can return before the browser has left the page; the old page going stale says it has.
     * Asked mid-navigation, chromedriver sometimes answers "Node with given id does not belong to
     * the document" instead of a stale-element error: the same fact, and taken as such.
     */
    private Browser waitForNextPage(WebElement oldPage) {
        new org.openqa.selenium.support.ui.WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> {
            try {
                oldPage.isEnabled();
                return false;
            } catch (org.openqa.selenium.StaleElementReferenceException gone) {
                return true;
            } catch (org.openqa.selenium.WebDriverException e) {
                if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                    return true;
                }
                throw e;
            }
        });
        return this;
    }

    /** Presses the first button of the page's main form, whatever it says, and waits for the answer: an empty form's errors. */
    public Browser pressTheMainButton() {
        WebElement page = driver.findElement(By.tagName("html"));
        driver.findElement(By.cssSelector("main form button.govuk-button, main form input[type=submit]")).click();
        return waitForNextPage(page);
    }

    public Browser chooseRadio(String label) {
        driver.findElement(By.xpath("//label[normalize-space()=\"" + label + "\"]")).click();
        return this;
    }

    /** Clicks the radio or checkbox with this id (where several share a label, as on a page with a form per service). */
    public Browser check(String id) {
        driver.findElement(By.cssSelector("label[for='" + id + "']")).click();
        return this;
    }

    /** Chooses the option with this value in a select list. */
    public Browser choose(String fieldId, String value) {
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id(fieldId))).selectByValue(value);
        return this;
    }

    /** Chooses an option of a select box by the text it shows. */
    public Browser chooseByText(String selectId, String optionText) {
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id(selectId))).selectByVisibleText(optionText);
        return this;
    }

    public Browser attach(String fieldId, java.nio.file.Path file) {
        driver.findElement(By.id(fieldId)).sendKeys(file.toAbsolutePath().toString());
        return this;
    }

    /**
     * Keyboard only: presses Tab from where the focus is until it reaches the element with this id,
     * or the link or button with this text; fails if Tab never gets there (a keyboard trap, or an
     * element a keyboard cannot reach).
     */
    public Browser tabTo(String idOrText) {
        for (int presses = 0; presses < 150; presses++) {
            WebElement focused = driver.switchTo().activeElement();
            if (idOrText.equals(focused.getAttribute("id")) || idOrText.equals(focused.getText().trim())) {
                return this;
            }
            // Pressed as a keyboard does, not sent to the element: sent to a file input, keys are read as a file's name.
            new org.openqa.selenium.interactions.Actions(driver).sendKeys(org.openqa.selenium.Keys.TAB).perform();
        }
        throw new AssertionError("Tab never reached " + idOrText + " on " + path());
    }

    /** Keyboard only: types into whatever has the focus. */
    public Browser typeHere(CharSequence text) {
        new org.openqa.selenium.interactions.Actions(driver).sendKeys(text).perform();
        return this;
    }

    /** Keyboard only: presses a key (Space on a radio or checkbox, for example) where the focus is. */
    public Browser press(org.openqa.selenium.Keys key) {
        new org.openqa.selenium.interactions.Actions(driver).sendKeys(key).perform();
        return this;
    }

    /** Keyboard only: presses Enter on the focused link or button and waits for the page it leads to. */
    public Browser enter() {
        WebElement page = driver.findElement(By.tagName("html"));
        new org.openqa.selenium.interactions.Actions(driver).sendKeys(org.openqa.selenium.Keys.ENTER).perform();
        return waitForNextPage(page);
    }

    /** How many images on the page have loaded (a photo that failed to load has no natural width). */
    public long imagesLoaded() {
        Object count = ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                "return Array.from(document.images).filter(i => i.complete && i.naturalWidth > 0).length;");
        return ((Number) count).longValue();
    }

    /** The address of the first link whose text contains the given words. */
    public String linkTo(String text) {
        return driver.findElement(By.partialLinkText(text)).getAttribute("href");
    }

    /** Downloads a link with this browser's cookies, as a click would, and returns the bytes. */
    public byte[] fetch(String url) {
        Object base64 = ((org.openqa.selenium.JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.arrayBuffer()).then(b => {
                  let s = ''; new Uint8Array(b).forEach(x => s += String.fromCharCode(x)); done(btoa(s)); });""", url);
        return java.util.Base64.getDecoder().decode((String) base64);
    }

    /**
     * Makes the page this many CSS pixels wide, as a phone is or as a 1280-pixel screen zoomed to
     * 400% is (WCAG 1.4.10 Reflow), through Chromium's device emulation: a desktop window cannot be
     * made narrower than Chromium's least window width.
     */
    public Browser viewport(int width, int height) {
        ((ChromeDriver) driver).executeCdpCommand("Emulation.setDeviceMetricsOverride",
                java.util.Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
        return this;
    }

    /** The viewport's width in CSS pixels, its scroll bar included (the page itself gets what the scroll bar leaves). */
    public long viewportWidth() {
        return ((Number) ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("return window.innerWidth;")).longValue();
    }

    /**
     * How far the page scrolls sideways (scrollWidth beyond clientWidth), with the elements that
     * reach past the right edge, widest first, to say what to fix; an empty answer means none.
     */
    public String sidewaysScroll() {
        return (String) ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("""
                const root = document.documentElement;
                if (root.scrollWidth <= root.clientWidth) { return ''; }
                const wide = Array.from(document.body.querySelectorAll('*'))
                  .filter(e => e.getBoundingClientRect().right > root.clientWidth + 0.5)
                  .filter(e => !e.parentElement || e.parentElement.getBoundingClientRect().right <= root.clientWidth + 0.5
                               || getComputedStyle(e.parentElement).overflowX !== 'visible')
                  .slice(0, 8)
                  .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && e.className.baseVal === undefined
                      ? '.' + String(e.className).trim().split(/\\s+/).join('.') : '') + ' right=' + Math.round(e.getBoundingClientRect().right));
                return 'scrollWidth ' + root.scrollWidth + ' > clientWidth ' + root.clientWidth + ': ' + wide.join(', ');""");
    }

    /** What a script run in the page returns (a string, number, boolean or null). */
    public Object evaluate(String script) {
        return ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(script);
    }

    public String path() {
        return java.net.URI.create(driver.getCurrentUrl()).getPath();
    }

    public String heading() {
        return driver.findElement(By.tagName("h1")).getText();
    }

    public String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    public String textOf(String css) {
        return driver.findElement(By.cssSelector(css)).getText();
    }

    /** How many elements on the page match the CSS selector (one h1 a page, for example). */
    public int count(String css) {
        return driver.findElements(By.cssSelector(css)).size();
    }

    public String title() {
        return driver.getTitle();
    }

    /** Fails with the list of violations if axe-core finds any WCAG 2.2 AA problem on this page. */
    public Browser assertAccessible() {
        Results results = new AxeBuilder().withTags(WCAG_22_AA).analyze(driver);
        assertThat(results.getPasses()).as("axe-core ran its checks on " + path()).isNotEmpty();
        List<Rule> violations = results.getViolations();
        assertThat(violations).as("axe-core WCAG 2.2 AA violations on " + path() + ":\n"
                + violations.stream().map(v -> v.getId() + ": " + v.getHelp() + " " + v.getNodes().stream()
                        .map(n -> String.valueOf(n.getTarget())).collect(Collectors.joining(", ")))
                .collect(Collectors.joining("\n"))).isEmpty();
        return this;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
