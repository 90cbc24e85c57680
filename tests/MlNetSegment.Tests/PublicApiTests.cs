using System.Reflection;

namespace MlNetSegment.Tests;

/// <summary>
/// The library's public surface (issue 13): one namespace, and no ImageSharp type in any public signature, so that
/// an app never has to name ImageSharp 2 types to use it.
/// </summary>
public class PublicApiTests
{
    private static readonly Type[] Exported = typeof(PaletteModel).Assembly.GetExportedTypes();

    [Fact]
    public void Every_public_type_is_in_the_MlNetSegment_namespace()
    {
        Assert.All(Exported, t => Assert.Equal("MlNetSegment", t.Namespace));
        Assert.InRange(Exported.Length, 1, 20);
    }

    [Fact]
    public void No_public_member_takes_or_returns_an_ImageSharp_type()
    {
        var offenders = new List<string>();
        foreach (Type type in Exported)
        {
            if (Mentions(type.BaseType) || type.GetInterfaces().Any(Mentions))
            {
                offenders.Add(type.FullName!);
            }

            const BindingFlags visible = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            foreach (MemberInfo member in type.GetMembers(visible).Concat(type.GetMembers(BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly).Where(IsProtected)))
            {
                IEnumerable<Type> signature = member switch
                {
                    MethodBase method => method.GetParameters().Select(p => p.ParameterType).Concat(method is MethodInfo m ? [m.ReturnType] : []),
                    PropertyInfo property => [property.PropertyType],
                    FieldInfo field => [field.FieldType],
                    EventInfo e => [e.EventHandlerType!],
                    _ => [],
                };
                if (signature.Any(Mentions))
                {
                    offenders.Add($"{type.Name}.{member.Name}");
                }
            }
        }

        Assert.Empty(offenders);
    }

    private static bool IsProtected(MemberInfo member) => member switch
    {
        MethodBase method => method.IsFamily || method.IsFamilyOrAssembly,
        FieldInfo field => field.IsFamily || field.IsFamilyOrAssembly,
        _ => false,
    };

    private static bool Mentions(Type? type) =>
        type is not null
        && ((type.Namespace?.StartsWith("SixLabors", StringComparison.Ordinal) ?? false)
            || (type.HasElementType && Mentions(type.GetElementType()))
            || (type.IsGenericType && type.GetGenericArguments().Any(Mentions)));
}
