using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Diqing.Procurement.Web.Components.Shared;

/// <summary>
/// A dialog that collects one input and hands it to <see cref="Submit"/> (the caller's handler call).
/// A refused action keeps the dialog open with the translated message, so the user can correct it.
/// </summary>
public abstract class SubmitDialog<TInput> : ComponentBase
{
    [CascadingParameter]
    protected IMudDialogInstance MudDialog { get; set; } = default!;

    [Inject]
    protected UserFeedback Feedback { get; set; } = default!;

    [Parameter, EditorRequired]
    public Func<TInput, Task> Submit { get; set; } = default!;

    /// <summary>Shown once the action succeeded and the dialog closed (e.g. "payment recorded").</summary>
    [Parameter]
    public string? SuccessMessage { get; set; }

    protected string? Error { get; private set; }

    protected bool Busy { get; private set; }

    protected async Task SubmitAsync(TInput input)
    {
        Busy = true;
        Error = await Feedback.TryAsync(() => Submit(input));
        Busy = false;
        if (Error is null)
        {
            if (SuccessMessage is not null)
            {
                Feedback.Success(SuccessMessage);
            }

            MudDialog.Close(DialogResult.Ok(true));
        }
    }

    /// <summary>For an input the dialog cannot even build (an empty date or amount): nothing reaches the server.</summary>
    protected Task MissingInputAsync(string message)
    {
        Error = message;
        return Task.CompletedTask;
    }

    protected void Cancel() => MudDialog.Cancel();
}

public static class DialogServiceExtensions
{
    /// <returns>true when the dialog was confirmed (its action succeeded), false when it was cancelled.</returns>
    public static async Task<bool> SubmitAsync<TDialog>(this IDialogService dialogs, string title, DialogParameters<TDialog> parameters, string? successMessage = null)
        where TDialog : IComponent
    {
        if (successMessage is not null)
        {
            parameters.Add(nameof(SubmitDialog<object>.SuccessMessage), successMessage);
        }

        var dialog = await dialogs.ShowAsync<TDialog>(title, parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        return await dialog.Result is { Canceled: false };
    }
}
