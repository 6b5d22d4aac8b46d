// On sign-out, the browser forgets the report copies kept by wwwroot/js/reportDraft.js (ADR 8):
// the next person at a shared computer finds nothing of the previous user's unsaved work.
document.addEventListener("submit", event => {
    if (!(event.target instanceof HTMLFormElement) || !event.target.matches("form[data-sign-out]")) {
        return;
    }

    try {
        Object.keys(localStorage)
            .filter(k => k.startsWith("diqing.report-draft."))
            .forEach(k => localStorage.removeItem(k));
    } catch {
        // Storage disabled: nothing was kept.
    }
}, true);
