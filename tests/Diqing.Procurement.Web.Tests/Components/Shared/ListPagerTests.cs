using Bunit;
using Diqing.Procurement.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace Diqing.Procurement.Web.Tests.Components.Shared;

/// <summary>The lists' pager: what it says, what it hands back, and that it renders only when its paging changed.</summary>
public sealed class ListPagerTests : MudTestContext
{
    private readonly List<(int Page, int PageSize)> _changes = [];

    private IRenderedComponent<ListPager> Render(int page, int total, bool lowerBound = false) =>
        Context.Render<ListPager>(p => p
            .Add(c => c.Page, page).Add(c => c.PageSize, 20).Add(c => c.Total, total).Add(c => c.TotalIsLowerBound, lowerBound)
            .Add(c => c.PageSizes, new[] { 20, 50, 100 })
            .Add(c => c.Changed, EventCallback.Factory.Create<(int, int)>(this, c => _changes.Add(c))));

    [Fact]
    public void The_pager_renders_again_only_when_its_paging_changed_and_hands_back_the_page_chosen()
    {
        var pager = Render(page: 1, total: 45);
        Assert.Equal("第 21-40 条，共 45 条", pager.Find("[data-testid=pager-info]").TextContent.Trim());
        var renders = pager.RenderCount;

        // The list renders anew with a new array of page sizes and a new callback: the same paging shows the same.
        pager.Render(p => p.Add(c => c.PageSizes, new[] { 20, 50, 100 })
            .Add(c => c.Changed, EventCallback.Factory.Create<(int, int)>(this, c => _changes.Add(c))));
        Assert.Equal(renders, pager.RenderCount);

        pager.Render(p => p.Add(c => c.Total, 10_000).Add(c => c.TotalIsLowerBound, true));
        Assert.Equal("第 21-40 条，共 10,000+ 条", pager.Find("[data-testid=pager-info]").TextContent.Trim());

        pager.Find("button[aria-label='下一页']").Click();
        Assert.Equal((2, 20), _changes.Single());
        pager.Find("[data-testid=pager-size]").Change("50");
        Assert.Equal((0, 50), _changes[^1]);
    }
}
