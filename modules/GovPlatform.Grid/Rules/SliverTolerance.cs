using NetTopologySuite.Geometries;

namespace GovPlatform.Grid.Rules;

/// <summary>
/// Decides whether an area found by an overlay is real or a sliver: two boundaries digitised a little differently
/// along a shared edge leave strips thinner than twice the tolerance, which are not worth a finding.
/// </summary>
internal sealed class SliverTolerance(double metres)
{
    // Below a square millimetre an area is floating-point noise of the overlay, even when the tolerance is 0 (exact).
    private const double NoiseSquareMetres = 1e-6;

    private readonly double _metres = double.IsFinite(metres) && metres > 0 ? metres : 0;

    /// <summary>Whether a thing this wide and high could hold a disc of the tolerance's radius; false means a sure sliver.</summary>
    public bool CouldHold(Envelope envelope) =>
        !envelope.IsNull && Math.Min(envelope.Width, envelope.Height) > 2 * _metres;

    /// <summary>Whether a metric area survives the tolerance: something of it remains after shrinking it by the tolerance.</summary>
    public bool Survives(Geometry area)
    {
        if (area.IsEmpty || !CouldHold(area.EnvelopeInternal))
        {
            return false;
        }

        var size = area.Area;
        if (size < NoiseSquareMetres)
        {
            return false;
        }

        // Shrinking is the expensive test: an area smaller than the disc cannot hold it.
        return _metres == 0 || (size >= Math.PI * _metres * _metres && !area.Buffer(-_metres).IsEmpty);
    }
}
