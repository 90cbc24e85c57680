using System.Reflection;

namespace MlNetSegment;

/// <summary>Facts about this library that its files record.</summary>
internal static class ToolInfo
{
    /// <summary>The library's version, recorded in models, samples and reports.</summary>
    public static string Version { get; } =
        typeof(ToolInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
