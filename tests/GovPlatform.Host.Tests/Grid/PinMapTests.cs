using System.Globalization;
using System.Text.RegularExpressions;
using GovPlatform.Grid;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Host.Tests.Grid;

/// <summary><see cref="IGridMaps"/>: pins over the grid's boundaries, inside the drawn area, escaped, linked.</summary>
public sealed partial class PinMapTests
{
    [GeneratedRegex("<circle class=\"grid-map-pin[^\"]*\" cx=\"([-0-9.]+)\" cy=\"([-0-9.]+)\"")]
    private static partial Regex PinPattern();

    [Fact]
    public async Task Pins_land_inside_the_area_with_escaped_labels_and_links_over_the_units()
    {
        await using var host = new TestHost().WithGridTenant("alpha");
        host.Start();
        await using var scope = await host.ScopeAsync("alpha");
        var maps = scope.ServiceProvider.GetRequiredService<IGridMaps>();

        // One pin inside the district, one well outside it to the east: the area grows to hold both.
        var svg = await maps.RenderPinsAsync(new PinMapRequest(
            [new MapPin(GridTestData.X(0.5), GridTestData.Y(0.5), "中心 <b>&\"x\"", "/alpha/legal/stations/a?x=1&y=2", "legal-pin-x\"y"),
             new MapPin(GridTestData.X(9), GridTestData.Y(1), "远处")], "地图 <svg>", Pickable: true));

        var pins = PinPattern().Matches(svg).Select(m => (X: double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), Y: double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(2, pins.Count);
        Assert.All(pins, p => Assert.True(p.X is >= 7 and <= 793 && p.Y is >= 7 and <= 553, $"pin at {p} is outside the 800×560 box"));
        Assert.True(pins[1].X > pins[0].X);
        Assert.Contains("<title>中心 &lt;b&gt;&amp;&quot;x&quot;</title>", svg, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/alpha/legal/stations/a?x=1&amp;y=2\">", svg, StringComparison.Ordinal);
        Assert.Contains("class=\"grid-map-pin legal-pin-x&quot;y\"", svg, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"地图 &lt;svg&gt;\"", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", svg, StringComparison.Ordinal);
        // The top unit's children are drawn under the pins; the map can be clicked.
        Assert.Contains("data-code=\"D-01\"", svg, StringComparison.Ordinal);
        Assert.Contains("data-code=\"D-02\"", svg, StringComparison.Ordinal);
        Assert.Contains("data-pick", svg, StringComparison.Ordinal);

        // A unit's children only.
        var street = await maps.RenderPinsAsync(new PinMapRequest([], "x", UnitCode: "D-01"));
        Assert.Contains("data-code=\"D-01-01\"", street, StringComparison.Ordinal);
        Assert.DoesNotContain("data-code=\"D-02\"", street, StringComparison.Ordinal);
        Assert.Equal("", await maps.RenderPinsAsync(new PinMapRequest([], "x", UnitCode: "nowhere")));
    }
}
