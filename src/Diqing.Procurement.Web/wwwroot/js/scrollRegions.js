// A table wider than the screen scrolls inside its box; a keyboard user can scroll it only once the box can take
// focus (WCAG 2.1.1, axe "scrollable-region-focusable"). Boxes that scroll get tabindex=0, boxes that no longer do lose it.
// Loaded as a file (the CSP allows no inline script); Blazor leaves attributes it did not write alone.
(() => {
    const selector = '.mud-table-container, .table-scroll, .announcement-scroll';
    let pending = false;

    const mark = () => {
        pending = false;
        for (const box of document.querySelectorAll(selector)) {
            const scrolls = box.scrollWidth > box.clientWidth + 1 || box.scrollHeight > box.clientHeight + 1;
            if (scrolls && box.getAttribute('tabindex') !== '0') {
                box.setAttribute('tabindex', '0');
                box.dataset.scrollFocus = 'true';
            } else if (!scrolls && box.dataset.scrollFocus === 'true') {
                box.removeAttribute('tabindex');
                delete box.dataset.scrollFocus;
            }
        }
    };

    const schedule = () => {
        if (!pending) {
            pending = true;
            requestAnimationFrame(mark);
        }
    };

    new MutationObserver(schedule).observe(document.documentElement, { childList: true, subtree: true });
    window.addEventListener('resize', schedule);
    schedule();
})();
