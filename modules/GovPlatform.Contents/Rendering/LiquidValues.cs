using Fluid.Values;

namespace GovPlatform.Contents.Rendering;

/// <summary>Builds the values templates see: only Liquid values, never CLR objects.</summary>
internal static class LiquidValues
{
    public static FluidValue Text(string? value) => value is null ? NilValue.Instance : new StringValue(value);

    public static FluidValue Number(decimal value) => NumberValue.Create(value);

    public static FluidValue Number(int value) => NumberValue.Create(value);

    public static FluidValue Number(double? value) => value is { } number && double.IsFinite(number) ? NumberValue.Create((decimal)number) : NilValue.Instance;

    public static FluidValue Bool(bool value) => BooleanValue.Create(value);

    public static FluidValue Date(DateTimeOffset? value) => value is { } date ? new DateTimeValue(date) : NilValue.Instance;

    public static FluidValue Array(IEnumerable<FluidValue> values) => new ArrayValue([.. values]);

    public static FluidValue Object(IDictionary<string, FluidValue> values) => new DictionaryValue(new FluidValueDictionaryFluidIndexable(values));

    public static Dictionary<string, FluidValue> Dictionary() => new(StringComparer.Ordinal);
}
