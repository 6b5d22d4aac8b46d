using Diqing.Procurement.Application.Features.Reports;
using Diqing.Procurement.Domain.Reports;
using Diqing.Procurement.Web.Components.Shared;

namespace Diqing.Procurement.Web.Components.Pages.Reports.Components;

/// <summary>
/// One agency user's editing of one report: the server version the edits build on (optimistic
/// concurrency), whether anything is unsaved, one server call at a time (autosave never races a
/// click), and the copy in the browser, cleared once the server has everything.
/// </summary>
public sealed class ReportDraftSession(ReportView view, WriteReportHandler form, UserFeedback feedback, LocalReportStore local, TimeProvider clock)
    : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _changes;

    public ReportView View { get; private set; } = view;

    public bool IsDirty { get; private set; }

    public bool IsBusy => _gate.CurrentCount == 0;

    /// <summary>The browser's copy when it was typed after the server's last save (connection lost, tab closed); an older copy is dropped.</summary>
    public async Task<LocalReportCopy?> TakeNewerLocalCopyAsync()
    {
        if (await local.LoadAsync(View.ReportId) is not { } copy)
        {
            return null;
        }

        if (copy.IsNewerThan(View))
        {
            IsDirty = true;
            return copy;
        }

        await local.RemoveAsync(View.ReportId);
        return null;
    }

    public async Task ChangedAsync(ReportContent content)
    {
        IsDirty = true;
        _changes++;
        await local.SaveAsync(View.ReportId, new LocalReportCopy(clock.GetUtcNow().UtcDateTime, content));
    }

    public async Task DiscardLocalCopyAsync()
    {
        await local.RemoveAsync(View.ReportId);
        IsDirty = false;
    }

    /// <returns>null when saved, otherwise the message to show.</returns>
    public Task<string?> SaveAsync(ReportContent content) => SendAsync(() => form.SaveDraftAsync(View.ReportId, View.Version, content));

    /// <returns>null when submitted, otherwise the message to show.</returns>
    public Task<string?> SubmitAsync(ReportContent content) => SendAsync(() => form.SubmitAsync(View.ReportId, View.Version, content));

    private async Task<string?> SendAsync(Func<Task<ReportView>> call)
    {
        await _gate.WaitAsync();
        try
        {
            var changes = _changes;
            ReportView? answer = null;
            var error = await feedback.TryAsync(async () => answer = await call());
            if (answer is not null)
            {
                View = answer;
                // The browser's copy goes only if nothing was typed while the server was busy.
                if (_changes == changes)
                {
                    IsDirty = false;
                    await local.RemoveAsync(answer.ReportId);
                }
            }

            return error;
        }
        finally
        {
            _gate.Release();
        }
    }

    public ValueTask DisposeAsync() => local.DisposeAsync();
}
