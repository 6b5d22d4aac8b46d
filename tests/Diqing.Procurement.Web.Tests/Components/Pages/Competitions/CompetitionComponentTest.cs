using Bunit;
using Diqing.Procurement.TestSupport;
using Diqing.Procurement.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Diqing.Procurement.Web.Tests.Components.Pages.Competitions;

/// <summary>The competition components' set-up: a <see cref="CompetitionScenario"/> on a real SQLite file, prepared per test.</summary>
public abstract class CompetitionComponentTest : MudTestContext, IAsyncLifetime
{
    protected CompetitionScenario Scenario { get; private set; } = null!;

    protected IRenderedComponent<MudBlazor.MudDialogProvider> Dialogs { get; private set; } = null!;

    /// <summary>Drives the scenario to the state the tests start from.</summary>
    protected abstract Task PrepareAsync(CompetitionScenario scenario);

    async Task IAsyncLifetime.InitializeAsync()
    {
        Scenario = await CompetitionScenario.CreateAsync();
        await PrepareAsync(Scenario);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Scenario.App.DisposeAsync();
    }

    /// <summary>After the services: rendering is the first use of the container, which then refuses new registrations.</summary>
    protected void RenderProviders()
    {
        Context.Services.TryAddScoped<UserFeedback>();
        Context.Render<MudBlazor.MudPopoverProvider>();
        Dialogs = Context.Render<MudBlazor.MudDialogProvider>();
    }

    /// <summary>The input of a MudBlazor field: the test id lands on the input itself or on a wrapper, depending on the component.</summary>
    protected static AngleSharp.Dom.IElement Field<T>(IRenderedComponent<T> scope, string testId)
        where T : Microsoft.AspNetCore.Components.IComponent =>
        scope.Find($"input[data-testid={testId}], textarea[data-testid={testId}], [data-testid={testId}] input, [data-testid={testId}] textarea");
}
