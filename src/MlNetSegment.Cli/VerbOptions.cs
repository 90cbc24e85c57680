using System.Collections.Concurrent;
using System.Reflection;
using Spectre.Console.Cli;

namespace MlNetSegment.Cli;

/// <summary>One option of a verb, shared by all its spellings (<c>-o</c>, <c>--output</c>).</summary>
/// <param name="Type">The property's type; <see cref="bool"/> for an optional value ("--labels [PATH]"), which may end
/// the line like a flag.</param>
/// <param name="Name">The value's name in help (PATH, N), or "VALUE".</param>
/// <param name="Property">The settings property it sets: two options of the same type and value name stay apart.</param>
/// <param name="IsFlag">Takes no value at all (--force).</param>
/// <param name="ValueIsOptional">Takes a value only when the next argument is no option (--labels [PATH]).</param>
internal sealed record VerbOption(Type Type, string Name, string Property, bool IsFlag, bool ValueIsOptional);

/// <summary>
/// The verbs' options, read from their settings classes' attributes, so that what is read before parsing (the input
/// prefetch's guess, the usage checks) follows the parser when an option is added.
/// </summary>
internal static class VerbOptions
{
    private static readonly ConcurrentDictionary<string, Dictionary<string, VerbOption>?> ByVerb = new(StringComparer.Ordinal);
    private static readonly Lazy<Dictionary<string, Dictionary<string, VerbOption>>> Every = new(ReadAll);

    /// <summary>Every verb's options by spelling: for the rarer paths that may meet any verb.</summary>
    public static Dictionary<string, Dictionary<string, VerbOption>> All => Every.Value;

    /// <summary>
    /// The options of <paramref name="verb"/> by spelling, read from its settings class alone and once per process
    /// (the common path: the other verbs' are not needed), or null when it is no verb.
    /// </summary>
    public static Dictionary<string, VerbOption>? Of(string verb) => ByVerb.GetOrAdd(verb, Read);

    private static Dictionary<string, VerbOption>? Read(string verb)
    {
        if (verb.Length == 0 || !verb.All(char.IsAsciiLetterLower))
        {
            return null;
        }

        Type? command = typeof(VerbOptions).Assembly.GetType($"MlNetSegment.Cli.Commands.{char.ToUpperInvariant(verb[0])}{verb[1..]}Command");
        return command is not null && SettingsOf(command) is { } settings ? OfSettings(settings) : null;
    }

    private static Dictionary<string, Dictionary<string, VerbOption>> ReadAll()
    {
        var verbs = new Dictionary<string, Dictionary<string, VerbOption>>(StringComparer.Ordinal);
        foreach (Type command in typeof(VerbOptions).Assembly.GetTypes())
        {
            Type? settings = SettingsOf(command);
            if (settings is null || !command.Name.EndsWith("Command", StringComparison.Ordinal))
            {
                continue;
            }

            verbs[command.Name[..^"Command".Length].ToLowerInvariant()] = OfSettings(settings);
        }

        return verbs;
    }

    // Every spelling of every option of a settings class; the spellings of one option share one VerbOption.
    private static Dictionary<string, VerbOption> OfSettings(Type settings)
    {
        var options = new Dictionary<string, VerbOption>(StringComparer.Ordinal);
        foreach (PropertyInfo property in settings.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<CommandOptionAttribute>() is not { } option)
            {
                continue;
            }

            // Optional values ("--labels [PATH]") may end the line; treat them as flags here.
            var value = new VerbOption(
                option.ValueIsOptional ? typeof(bool) : property.PropertyType,
                option.ValueName ?? "VALUE",
                property.Name,
                IsFlag: option.ValueName is null,
                option.ValueIsOptional);
            foreach (string name in option.LongNames)
            {
                options["--" + name] = value;
            }

            foreach (string name in option.ShortNames)
            {
                options["-" + name] = value;
            }
        }

        return options;
    }

    private static Type? SettingsOf(Type command)
    {
        for (Type? t = command; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && (t.GetGenericTypeDefinition() == typeof(Command<>) || t.GetGenericTypeDefinition() == typeof(AsyncCommand<>)))
            {
                return t.GetGenericArguments()[0];
            }
        }

        return null;
    }
}
