// A copy of a report form's values in the browser, so that a lost connection or a closed tab
// loses nothing typed. One key per user and report; the server draft stays the record.
// Sign-out removes every copy (wwwroot/js/signOut.js): a shared office computer keeps nothing.
const prefix = "diqing.report-draft.";
const key = (owner, reportId) => prefix + owner + "." + reportId;

export function save(owner, reportId, json) {
    try {
        localStorage.setItem(key(owner, reportId), json);
    } catch {
        // Storage full or disabled (private mode): the server autosave still runs.
    }
}

export function load(owner, reportId) {
    try {
        return localStorage.getItem(key(owner, reportId));
    } catch {
        return null;
    }
}

export function remove(owner, reportId) {
    try {
        localStorage.removeItem(key(owner, reportId));
    } catch {
        // Nothing to clear.
    }
}
