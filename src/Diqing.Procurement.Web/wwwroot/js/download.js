// Starts the browser's download of a file the server has prepared (a ledger): the page stays as it is.
export function start(url) {
    const link = document.createElement("a");
    link.href = url;
    link.download = "";
    link.rel = "noopener";
    document.body.appendChild(link);
    link.click();
    link.remove();
}
