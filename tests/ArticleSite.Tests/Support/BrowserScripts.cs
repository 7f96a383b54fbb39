using Microsoft.Playwright;

namespace ArticleSite.Tests.Support;

/// <summary>Measurements run inside the page.</summary>
public static class BrowserScripts
{
    /// <summary>Scrolls each of the article's pictures into view, waits until every image is loaded, and sums the layout shifts since navigation.</summary>
    public static async Task<double> ShiftOnceArticleImagesLoadAsync(IPage page)
    {
        var images = page.Locator("article img");
        for (var index = 0; index < await images.CountAsync(); index++)
            await images.Nth(index).ScrollIntoViewIfNeededAsync();
        await page.WaitForFunctionAsync("() => [...document.images].every(image => image.complete)");
        return await page.EvaluateAsync<double>("""
            () => new Promise(resolve => new PerformanceObserver(() => {}).observe({ type: 'layout-shift', buffered: true })
                || resolve(performance.getEntriesByType('layout-shift').reduce((sum, entry) => sum + entry.value, 0)))
            """);
    }

    /// <summary>WCAG contrast of each matching element's text against the first opaque background behind it.</summary>
    public const string ContrastRatios = """
        selector => {
          const channels = color => color.match(/[\d.]+/g).map(Number);
          const luminance = ([r, g, b]) => {
            const linear = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
            return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
          };
          const background = element => {
            for (; element; element = element.parentElement) {
              const color = channels(getComputedStyle(element).backgroundColor);
              if (color.length < 4 || color[3] > 0) return color;
            }
            return [255, 255, 255];
          };
          return [...document.querySelectorAll(selector)].filter(e => e.textContent.trim()).map(element => {
            const text = luminance(channels(getComputedStyle(element).color));
            const behind = luminance(background(element));
            const ratio = (Math.max(text, behind) + 0.05) / (Math.min(text, behind) + 0.05);
            return { element: element.tagName + '.' + element.className + ' ' + element.textContent.slice(0, 40), ratio };
          });
        }
        """;

    /// <summary>
    /// The layout shifts since navigation (the Layout Instability API, as Core Web Vitals' CLS counts them), each with the
    /// elements that moved; null where the browser does not report layout shifts.
    /// </summary>
    public const string LayoutShifts = """
        () => new Promise(resolve => {
          if (!PerformanceObserver.supportedEntryTypes.includes('layout-shift')) { resolve(null); return; }
          const shifts = [];
          const record = entries => entries.filter(entry => !entry.hadRecentInput).forEach(entry => shifts.push({
            value: entry.value,
            moved: entry.sources.map(source => source.node ? source.node.nodeName + '.' + source.node.className : '?').join(', '),
          }));
          const observer = new PerformanceObserver(list => record(list.getEntries()));
          observer.observe({ type: 'layout-shift', buffered: true });
          requestAnimationFrame(() => requestAnimationFrame(() => { record(observer.takeRecords()); observer.disconnect(); resolve(shifts); }));
        })
        """;

    /// <summary>How many text elements are cut off: wider than their box with hidden overflow, or outside the page.</summary>
    public const string ClippedTextCount = """
        () => [...document.querySelectorAll('h1, h2, p, li, a, time, span')].filter(element => {
          const box = element.getBoundingClientRect();
          const style = getComputedStyle(element);
          const hidden = style.overflow !== 'visible' && element.scrollWidth > element.clientWidth;
          const outside = box.width > 0 && (box.left < 0 || box.right > document.documentElement.clientWidth) && !element.classList.contains('skip-link');
          return hidden || outside;
        }).length
        """;
}
