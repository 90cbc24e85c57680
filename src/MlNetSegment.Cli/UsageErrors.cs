using System.Globalization;
using System.Text.RegularExpressions;
using Spectre.Console.Cli;

namespace MlNetSegment.Cli;

/// <summary>
/// Usage errors that name the option and say what it takes. Spectre.Console.Cli reports a bad value as "Failed to
/// convert '2147483648' to Nullable`1", a dangling option as a value of "__default_command", and "-rf.png" as "Short
/// option does not have a valid name": none of them says which argument is wrong or how to fix it (probe F10).
/// </summary>
internal static partial class UsageErrors
{
    private const string SeeHelp = "see --help";

    /// <summary>
    /// Refuses, before parsing, a value-taking option that ends the command line: Spectre would give it a value of
    /// "__default_command".
    /// </summary>
    public static void CheckBeforeParsing(string[] arguments)
    {
        int end = Array.IndexOf(arguments, "--");
        end = end < 0 ? arguments.Length : end;
        if (Repeated(arguments, end) is { } repeated)
        {
            throw new UsageException(repeated);
        }

        // Only a line that ends with an option can end with one that lacks its value: the others (nearly every run)
        // never pay for reading the verbs' options by reflection at start-up.
        if (end < 2 || !arguments[end - 1].StartsWith('-') || !VerbOptions.All.TryGetValue(arguments[0], out Dictionary<string, VerbOption>? options))
        {
            return;
        }

        string last = arguments[end - 1];
        if (options.TryGetValue(last, out VerbOption? value) && value.Type != typeof(bool))
        {
            throw new UsageException(NeedsValue(last, value));
        }
    }

    /// <summary>
    /// The message for an option given twice, or null. Spectre.Console.Cli keeps the last value without a word, so
    /// <c>--inputs-from a.txt --inputs-from b.txt</c> dropped every input of a.txt and exited 0 (probe round 9, finding
    /// 7). Only the named verb's options are read, and only when two arguments look like options.
    /// </summary>
    private static string? Repeated(string[] arguments, int end)
    {
        if (arguments.Length == 0 || arguments.Take(end).Skip(1).Count(LooksLikeOption) < 2 || VerbOptions.Of(arguments[0]) is not { } options)
        {
            return null;
        }

        var seen = new Dictionary<VerbOption, string>();
        for (var i = 1; i < end; i++)
        {
            string name = arguments[i].Split('=', 2)[0];
            if (!LooksLikeOption(arguments[i]) || !options.TryGetValue(name, out VerbOption? option))
            {
                continue;
            }

            if (!seen.TryAdd(option, name))
            {
                string first = seen[option];
                string twice = first == name ? $"{name} is given twice" : $"{first} and {name} are the same option, given twice";
                return option.IsFlag
                    ? $"{twice}; give it once"
                    : $"{twice}; it takes one value, and only the last would count";
            }

            // Skip the option's value, which may itself start with '-' (--seed -5).
            i += option.Type != typeof(bool) && !arguments[i].Contains('=', StringComparison.Ordinal) ? 1 : 0;
        }

        return null;
    }

    private static bool LooksLikeOption(string argument) => argument.Length > 1 && argument[0] == '-' && !char.IsAsciiDigit(argument[1]);

    /// <summary>
    /// The message for a value-taking option followed by another option ("-k -o out.png"), or null when the line has
    /// none. Spectre.Console.Cli gives such an option the value "__default_command", which then fails to convert or
    /// to validate with a message that names neither the option nor the fix (probe round 7); this is read only then.
    /// </summary>
    public static string? DanglingOption(string[] arguments)
    {
        if (arguments.Length == 0 || !VerbOptions.All.TryGetValue(arguments[0], out Dictionary<string, VerbOption>? options))
        {
            return null;
        }

        int end = Array.IndexOf(arguments, "--");
        end = end < 0 ? arguments.Length : end;
        for (var i = 1; i + 1 < end; i++)
        {
            if (options.TryGetValue(arguments[i], out VerbOption? value) && value.Type != typeof(bool)
                && (options.ContainsKey(arguments[i + 1].Split('=', 2)[0]) || arguments[i + 1] == "--"))
            {
                return NeedsValue(arguments[i], value);
            }
        }

        return null;
    }

    private static string NeedsValue(string option, VerbOption value)
    {
        string takes = Describe(value.Type);
        return $"{option} needs a value ({value.Name}){(takes == SeeHelp ? string.Empty : ": " + takes)}";
    }

    /// <summary>The one-line message for a Spectre.Console.Cli parsing error, naming the argument at fault.</summary>
    public static string Explain(CommandAppException ex, string[] arguments)
    {
        Match convert = FailedToConvert().Match(ex.Message);
        if (convert.Success)
        {
            string value = convert.Groups["value"].Value;
            string? option = OptionOf(value, arguments);
            Type? type = option is null ? null : TypeOf(option, arguments);
            return option is null
                ? $"'{value}' is not a valid value"
                : $"{option}: '{value}' is not {(type is null ? "a valid value" : Describe(type))}";
        }

        if (ex.Message.StartsWith("Short option does not have a valid name", StringComparison.Ordinal)
            || ex.Message.StartsWith("Option does not have a name", StringComparison.Ordinal))
        {
            string verb = arguments.Length > 0 ? arguments[0] : "mlnetsegment";
            string? odd = arguments.Skip(1).FirstOrDefault(a => a.StartsWith('-') && a != "--" && TypeOf(a.Split('=')[0], arguments) is null);
            return odd is null
                ? ex.Message
                : $"'{odd}' is not an option of {verb}; a file whose name starts with '-' goes after '--' ({verb} -- {odd}) or as ./{odd}";
        }

        return ex.Message;
    }

    private static string? OptionOf(string value, string[] arguments)
    {
        for (var i = 1; i < arguments.Length && arguments[i] != "--"; i++)
        {
            if (arguments[i] == value && arguments[i - 1].StartsWith('-'))
            {
                return arguments[i - 1];
            }

            int equals = arguments[i].IndexOf('=', StringComparison.Ordinal);
            if (arguments[i].StartsWith('-') && equals > 0 && arguments[i][(equals + 1)..] == value)
            {
                return arguments[i][..equals];
            }
        }

        return null;
    }

    private static Type? TypeOf(string option, string[] arguments) =>
        arguments.Length > 0 && VerbOptions.All.TryGetValue(arguments[0], out Dictionary<string, VerbOption>? options)
        && options.TryGetValue(option, out VerbOption? value) ? value.Type : null;

    private static string Describe(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        Type t when t == typeof(int) => string.Create(CultureInfo.InvariantCulture, $"a whole number from {int.MinValue:N0} to {int.MaxValue:N0}"),
        Type t when t == typeof(long) => string.Create(CultureInfo.InvariantCulture, $"a whole number from {long.MinValue:N0} to {long.MaxValue:N0}"),
        Type t when t == typeof(double) || t == typeof(float) => "a number such as 0.5 or 1e-4",
        _ => SeeHelp,
    };

    [GeneratedRegex("^Failed to convert '(?<value>.*)' to [^ ]+\\.?$", RegexOptions.Singleline)]
    private static partial Regex FailedToConvert();
}
