using System.Reflection;
using Diqing.Procurement.Web.Navigation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;

namespace Diqing.Procurement.Web.Tests.Navigation;

public sealed class NavigationCatalogTests
{
    private static readonly IReadOnlyList<Type> Pages = typeof(NavigationCatalog).Assembly.GetTypes()
        .Where(t => t.GetCustomAttributes<RouteAttribute>().Any()).ToList();

    [Fact]
    public void Every_entry_names_the_same_roles_as_the_page_it_opens()
    {
        foreach (var item in NavigationCatalog.Items)
        {
            var page = Assert.Single(Pages, p => p.GetCustomAttributes<RouteAttribute>().Any(r => r.Template == "/" + item.Href));
            var authorize = page.GetCustomAttribute<AuthorizeAttribute>();
            Assert.NotNull(authorize);
            Assert.True(Normalize(authorize.Roles) == Normalize(item.Roles), $"{item.Href}: menu '{item.Roles}', page '{authorize.Roles}'");
        }
    }

    private static string Normalize(string? roles) =>
        string.Join(',', (roles ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().Order(StringComparer.Ordinal));
}
