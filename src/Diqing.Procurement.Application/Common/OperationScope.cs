using Diqing.Procurement.Infrastructure.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.Application.Common;

/// <summary>
/// A short-lived DI scope carrying the acting user, for services (such as UserManager) that hold a
/// DbContext: a Blazor circuit lives for hours and must not share one context across operations.
/// </summary>
public sealed class OperationScopeFactory(IServiceScopeFactory scopes, ICurrentUser currentUser)
{
    public AsyncServiceScope Create()
    {
        var scope = scopes.CreateAsyncScope();
        if (currentUser is CurrentUser acting)
        {
            scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(acting.Principal);
        }

        return scope;
    }
}
