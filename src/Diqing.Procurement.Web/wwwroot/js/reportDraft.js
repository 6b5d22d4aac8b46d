// A copy of a report form's values in the browser, so that a lost connection or a closed tab
// loses nothing typed. One key per report; the server draft stays the record.
const prefix = "diqing.report-draft.";

export function save(reportId, json) {
    try {
        localStorage.setItem(prefix + reportId, json);
    } catch {
        // Storage full or disabled (private mode): the server autosave still runs.
    }
}

export function load(reportId) {
    try {
        return localStorage.getItem(prefix + reportId);
    } catch {
        return null;
    }
}

export function remove(reportId) {
    try {
        localStorage.removeItem(prefix + reportId);
    } catch {
        // Nothing to clear.
    }
}
