using System.Globalization;
using System.Text;
using System.Xml;

namespace GovPlatform.Grid.Map;

/// <summary>Writes text into SVG markup: XML-escaped, characters XML cannot hold dropped.</summary>
internal static class SvgText
{
    /// <summary>Appends <paramref name="value"/> escaped for both text and (double- or single-quoted) attribute values.</summary>
    public static StringBuilder AppendEscaped(this StringBuilder builder, string? value)
    {
        if (value is null)
        {
            return builder;
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '&': builder.Append("&amp;"); break;
                case '<': builder.Append("&lt;"); break;
                case '>': builder.Append("&gt;"); break;
                case '"': builder.Append("&quot;"); break;
                case '\'': builder.Append("&#39;"); break;
                default:
                    if (XmlConvert.IsXmlChar(c))
                    {
                        builder.Append(c);
                    }
                    else if (i + 1 < value.Length && XmlConvert.IsXmlSurrogatePair(value[i + 1], c))
                    {
                        builder.Append(c).Append(value[i + 1]);
                        i++;
                    }

                    break;
            }
        }

        return builder;
    }

    /// <summary>Appends a viewBox coordinate with at most one decimal, invariant culture.</summary>
    public static StringBuilder AppendNumber(this StringBuilder builder, double value) => builder.AppendTenths(ToTenths(value));

    /// <summary>The value in tenths, rounded half away from zero.</summary>
    public static long ToTenths(double value) => (long)Math.Round(value * 10, MidpointRounding.AwayFromZero);

    /// <summary>Appends a number given in tenths: <c>123</c> as <c>12.3</c>, <c>-40</c> as <c>-4</c>.</summary>
    public static StringBuilder AppendTenths(this StringBuilder builder, long tenths)
    {
        if (tenths < 0)
        {
            builder.Append('-');
            tenths = -tenths;
        }

        builder.Append(CultureInfo.InvariantCulture, $"{tenths / 10}");
        var fraction = tenths % 10;
        return fraction == 0 ? builder : builder.Append('.').Append((char)('0' + fraction));
    }
}
