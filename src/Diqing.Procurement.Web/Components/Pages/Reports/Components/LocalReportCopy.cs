using System.Text.Json;
using Diqing.Procurement.Application.Features.Reports;
using Diqing.Procurement.Domain.Reports;
using Microsoft.JSInterop;

namespace Diqing.Procurement.Web.Components.Pages.Reports.Components;

/// <summary>What the browser keeps of a report form: the values and when they were typed (server clock).</summary>
public sealed record LocalReportCopy(DateTime EditedAtUtc, ReportContent Content)
{
    /// <summary>Restored only when typed after the server's draft was last saved: an older copy would undo newer work.</summary>
    public bool IsNewerThan(ReportView view) =>
        EditedAtUtc > view.DraftSavedAtUtc && LocalReportStore.Serialize(Content) != LocalReportStore.Serialize(view.Content);
}

/// <summary>
/// The report form's mirror in the browser's localStorage (wwwroot/js/reportDraft.js), keyed by the
/// signed-in user and the report (another user of the same browser never sees it; sign-out clears it).
/// Every failure is swallowed: the mirror is a safety net, never a reason to fail the form.
/// </summary>
public sealed class LocalReportStore(IJSRuntime js, string owner) : IAsyncDisposable
{
    private IJSObjectReference? _module;

    public async Task SaveAsync(int reportId, LocalReportCopy copy) =>
        await CallAsync(m => m.InvokeVoidAsync("save", owner, reportId, JsonSerializer.Serialize(copy)));

    public async Task<LocalReportCopy?> LoadAsync(int reportId)
    {
        LocalReportCopy? copy = null;
        await CallAsync(async m =>
        {
            var json = await m.InvokeAsync<string?>("load", owner, reportId);
            copy = string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<LocalReportCopy>(json);
        });
        return copy is { Content: not null } ? copy : null;
    }

    public async Task RemoveAsync(int reportId) => await CallAsync(m => m.InvokeVoidAsync("remove", owner, reportId));

    public static string Serialize(ReportContent content) => JsonSerializer.Serialize(content);

    public async ValueTask DisposeAsync()
    {
        if (_module is not null)
        {
            try
            {
                await _module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone, and the module with it.
            }
        }
    }

    private async Task CallAsync(Func<IJSObjectReference, ValueTask> call)
    {
        try
        {
            _module ??= await js.InvokeAsync<IJSObjectReference>("import", "./js/reportDraft.js");
            await call(_module);
        }
        catch (Exception ex) when (ex is JSException or JSDisconnectedException or InvalidOperationException or JsonException or TaskCanceledException)
        {
            // No browser storage (prerendering, private mode, a closed tab): the server draft remains.
        }
    }
}
