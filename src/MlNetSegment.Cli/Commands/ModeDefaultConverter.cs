using System.ComponentModel;
using System.Globalization;

namespace MlNetSegment.Cli.Commands;

/// <summary>
/// Lets an integer option show a default that depends on another option in help's DEFAULT column ("16000; 50000
/// with --regions") while its property stays null when the option is not given, so the verb can still pick the
/// default by mode. Spectre.Console.Cli passes a string default value through the option's converter; the texts
/// below come back as null, and anything else the user types must be an integer.
/// </summary>
internal sealed class ModeDefaultConverter : TypeConverter
{
    /// <summary>How every mode-dependent default text ends.</summary>
    public const string Suffix = " with --regions";

    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) => sourceType == typeof(string);

    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value)
    {
        var text = (string)value;
        if (text.EndsWith(Suffix, StringComparison.Ordinal))
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int number)
            ? number
            : throw new FormatException($"'{text}' is not a whole number");
    }
}
