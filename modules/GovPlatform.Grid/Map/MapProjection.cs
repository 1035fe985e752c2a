using NetTopologySuite.Geometries;

namespace GovPlatform.Grid.Map;

/// <summary>
/// The equirectangular projection of an <see cref="SvgMap"/>, in viewBox units:
/// <c>x = (longitude - Lon0) * Kx</c> and <c>y = (Lat0 - latitude) * Ky</c>, so the inverse is
/// <c>longitude = Lon0 + x / Kx</c> and <c>latitude = Lat0 - y / Ky</c>.
/// <c>Lon0</c>, <c>Lat0</c> are the longitude and latitude of the viewBox's top-left corner; <c>Ky</c> is viewBox units
/// per degree of latitude and <c>Kx = Ky * cos(mid-latitude)</c> per degree of longitude, so shapes keep their
/// proportions. A pickable map declares the four numbers as <c>data-lon0 data-lat0 data-kx data-ky</c>.
/// </summary>
internal sealed record MapProjection(double Lon0, double Lat0, double Kx, double Ky)
{
    /// <summary>Units per degree when the area to fit is a single point: about one unit per metre.</summary>
    private const double PointScale = 100_000;

    /// <summary>The smallest cosine used, so areas near a pole do not divide by zero.</summary>
    private const double MinCosine = 0.01;

    /// <summary>The projection that fits <paramref name="area"/> centred into the box, <paramref name="padding"/> from each edge.</summary>
    public static MapProjection Fit(Envelope area, double width, double height, double padding)
    {
        var cosine = Math.Max(Math.Cos((area.MinY + area.MaxY) / 2 * Math.PI / 180), MinCosine);
        var spanX = area.Width * cosine;
        var spanY = area.Height;
        var scaleX = spanX > 0 ? (width - 2 * padding) / spanX : double.PositiveInfinity;
        var scaleY = spanY > 0 ? (height - 2 * padding) / spanY : double.PositiveInfinity;
        var ky = Math.Min(scaleX, scaleY);
        if (double.IsInfinity(ky))
        {
            ky = PointScale;
        }

        var kx = ky * cosine;
        var offsetX = (width - area.Width * kx) / 2;
        var offsetY = (height - area.Height * ky) / 2;
        return new MapProjection(area.MinX - offsetX / kx, area.MaxY + offsetY / ky, kx, ky);
    }

    public double X(double longitude) => (longitude - Lon0) * Kx;

    public double Y(double latitude) => (Lat0 - latitude) * Ky;

    public double Longitude(double x) => Lon0 + x / Kx;

    public double Latitude(double y) => Lat0 - y / Ky;
}
