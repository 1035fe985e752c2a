using GovPlatform.Grid.Map;
using NetTopologySuite.Geometries;

namespace GovPlatform.Grid.Tests.Map;

public sealed class MapProjectionTests
{
    [Fact]
    public void Fit_centres_the_area_inside_the_padding_and_inverts()
    {
        var area = new Envelope(116.0, 116.2, 39.9, 40.0);

        var projection = MapProjection.Fit(area, 800, 560, 10);

        var left = projection.X(area.MinX);
        var right = projection.X(area.MaxX);
        var top = projection.Y(area.MaxY);
        var bottom = projection.Y(area.MinY);
        Assert.True(left >= 10 - 1e-9 && right <= 790 + 1e-9 && top >= 10 - 1e-9 && bottom <= 550 + 1e-9);
        Assert.Equal(800 - right, left, 1e-9);
        Assert.Equal(560 - bottom, top, 1e-9);
        Assert.True(Math.Abs(left - 10) < 1e-9 || Math.Abs(top - 10) < 1e-9, "one dimension fills the box");
        Assert.Equal(Math.Cos(39.95 * Math.PI / 180), projection.Kx / projection.Ky, 1e-12);
        Assert.Equal(116.123456, projection.Longitude(projection.X(116.123456)), 1e-9);
        Assert.Equal(39.987654, projection.Latitude(projection.Y(39.987654)), 1e-9);
    }

    [Fact]
    public void A_single_point_gets_a_finite_scale_and_sits_in_the_middle()
    {
        var projection = MapProjection.Fit(new Envelope(new Coordinate(116.4, 39.9)), 800, 560, 10);

        Assert.True(double.IsFinite(projection.Kx) && projection.Kx > 0);
        Assert.Equal(400, projection.X(116.4), 1e-6);
        Assert.Equal(280, projection.Y(39.9), 1e-6);
    }
}
