using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;

namespace GovPlatform.Tools.GridSeed;

/// <summary>Writes the files in the grid module's format: UTF-8 without a byte-order mark, LF line ends.</summary>
internal static class Output
{
    public static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public const string UnitsHeader = "code,name,englishName,level,parent,kind,department,households,residents,buildings,notes";

    public const string WorkersHeader = "name,phone,kind,team,unit,role,startDate,endDate,userName,notes";

    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static CsvConfiguration CsvConfig => new(CultureInfo.InvariantCulture) { NewLine = "\n" };

    /// <summary>A FeatureCollection, one feature per line.</summary>
    public static void WriteGeoJson(string path, IEnumerable<Unit> units)
    {
        var lines = units.Select(Feature).ToList();
        var text = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[\n");
        text.AppendJoin(",\n", lines);
        text.Append("\n]}\n");
        Write(path, text.ToString());
    }

    /// <summary>Units without boundaries (the template) as CSV.</summary>
    public static void WriteUnitsCsv(string path, IEnumerable<Unit> units)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(writer, CsvConfig))
        {
            foreach (var field in UnitsHeader.Split(','))
            {
                csv.WriteField(field);
            }

            csv.NextRecord();
            foreach (var u in units)
            {
                csv.WriteField(u.Code);
                csv.WriteField(u.Name);
                csv.WriteField(u.EnglishName ?? "");
                csv.WriteField(u.Level);
                csv.WriteField(u.Parent?.Code ?? "");
                csv.WriteField(u.Kind);
                csv.WriteField(u.Department ?? "");
                csv.WriteField(u.Households);
                csv.WriteField(u.Residents);
                csv.WriteField(u.Buildings);
                csv.WriteField(u.Notes ?? "");
                csv.NextRecord();
            }
        }

        Write(path, writer.ToString());
    }

    public static void WriteWorkersCsv(string path, IEnumerable<Assignment> assignments)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(writer, CsvConfig))
        {
            foreach (var field in WorkersHeader.Split(','))
            {
                csv.WriteField(field);
            }

            csv.NextRecord();
            foreach (var a in assignments)
            {
                var p = a.Person;
                csv.WriteField(p.Name);
                csv.WriteField(p.Phone);
                csv.WriteField(p.Kind);
                csv.WriteField(p.Team);
                csv.WriteField(a.Unit);
                csv.WriteField(a.Role);
                csv.WriteField(p.StartDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                csv.WriteField("");
                csv.WriteField("");
                csv.WriteField(p.Notes ?? "");
                csv.NextRecord();
            }
        }

        Write(path, writer.ToString());
    }

    public static void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text, Utf8);
    }

    private static string Feature(Unit u)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            json.WriteStartObject();
            json.WriteString("type", "Feature");
            json.WriteStartObject("properties");
            json.WriteString("code", u.Code);
            json.WriteString("name", u.Name);
            if (u.EnglishName is not null)
            {
                json.WriteString("englishName", u.EnglishName);
            }

            json.WriteNumber("level", u.Level);
            if (u.Parent is not null)
            {
                json.WriteString("parent", u.Parent.Code);
            }

            json.WriteString("kind", u.Kind);
            if (u.Department is not null)
            {
                json.WriteString("department", u.Department);
            }

            json.WriteNumber("households", u.Households);
            json.WriteNumber("residents", u.Residents);
            json.WriteNumber("buildings", u.Buildings);
            if (u.Notes is not null)
            {
                json.WriteString("notes", u.Notes);
            }

            json.WriteEndObject();
            json.WritePropertyName("geometry");
            WriteGeometry(json, u.Boundary);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>A Polygon or MultiPolygon, outer rings counter-clockwise and holes clockwise (RFC 7946), or null.</summary>
    private static void WriteGeometry(Utf8JsonWriter json, Geometry? geometry)
    {
        if (geometry is null)
        {
            json.WriteNullValue();
            return;
        }

        json.WriteStartObject();
        if (geometry is Polygon polygon)
        {
            json.WriteString("type", "Polygon");
            json.WritePropertyName("coordinates");
            WritePolygon(json, polygon);
        }
        else
        {
            json.WriteString("type", "MultiPolygon");
            json.WriteStartArray("coordinates");
            foreach (var p in Geo.Polygons(geometry))
            {
                WritePolygon(json, p);
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    private static void WritePolygon(Utf8JsonWriter json, Polygon polygon)
    {
        json.WriteStartArray();
        WriteRing(json, polygon.Shell, counterClockwise: true);
        foreach (var hole in polygon.Holes)
        {
            WriteRing(json, hole, counterClockwise: false);
        }

        json.WriteEndArray();
    }

    private static void WriteRing(Utf8JsonWriter json, LineString ring, bool counterClockwise)
    {
        var coordinates = ring.Coordinates;
        if (Orientation.IsCCW(coordinates) != counterClockwise)
        {
            coordinates = [.. coordinates.Reverse()];
        }

        json.WriteStartArray();
        foreach (var c in coordinates)
        {
            json.WriteStartArray();
            json.WriteNumberValue(Math.Round(c.X, 6));
            json.WriteNumberValue(Math.Round(c.Y, 6));
            json.WriteEndArray();
        }

        json.WriteEndArray();
    }
}
