using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Resources;
using Diqing.Procurement.Domain.Common;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace Diqing.Procurement.Web.Components.Shared;

/// <summary>
/// Runs a page action and turns the expected failures (validation, business rule, forbidden,
/// not found, concurrency) into a translated message instead of an error page.
/// </summary>
public sealed class UserFeedback(ISnackbar snackbar, ILogger<UserFeedback> logger)
{
    /// <returns>true when the action succeeded.</returns>
    public async Task<bool> RunAsync(Func<Task> action, string? successMessage = null)
    {
        var error = await TryAsync(action);
        if (error is null)
        {
            if (successMessage is not null)
            {
                Success(successMessage);
            }

            return true;
        }

        snackbar.Add(error, Severity.Error);
        return false;
    }

    /// <summary>Confirms a completed action (saved, submitted, recorded) in the snackbar, which screen readers announce.</summary>
    public void Success(string message) => snackbar.Add(message, Severity.Success);

    /// <returns>null on success, otherwise the message to show.</returns>
    public async Task<string?> TryAsync(Func<Task> action)
    {
        try
        {
            await action();
            return null;
        }
        catch (FluentValidation.ValidationException ex)
        {
            return string.Join(" ", ex.Errors.Select(e => e.ErrorMessage).Distinct());
        }
        catch (DomainException ex)
        {
            return Messages.Get(ex.Code, [.. ex.Arguments]);
        }
        catch (ForbiddenAccessException)
        {
            return Messages.Get("Error.Forbidden");
        }
        catch (NotFoundException)
        {
            return Messages.Get("Error.NotFound");
        }
        catch (DbUpdateConcurrencyException)
        {
            return Messages.Get("Error.Concurrency");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "A page action failed.");
            return Messages.Get("Error.Unexpected");
        }
    }
}
