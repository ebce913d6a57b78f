using System.Collections;
using System.Reflection;

namespace Agensium.Scheduler.Hosting;

/// <summary>
/// Refuses a duration setting written as a bare number. .NET reads <c>Scheduler__TaskExpiry=15</c> as 15 days, while
/// the seed's Celery settings, and an operator coming from them, write seconds: 15 days of expiry or 24 days before a
/// task counts as stale were accepted without a word (only some settings have a range that catches it). Every
/// <see cref="TimeSpan"/> of every options class (a class with a <c>Section</c> constant, as <see cref="HostSettingsCheck.KnownSections"/>
/// finds them), per-tool and other dictionary entries included, is looked at here, so a new option is covered without
/// a line of its own. Zero is refused too: a bare <c>0</c> happens to mean the same in every unit, but the rule is
/// simpler to state and to follow without an exception. Its message suggests no zero duration (most settings refuse
/// one) but the setting's range and default, where its property declares them.
/// </summary>
public static class DurationSettingsCheck
{
    /// <exception cref="StartupCheckException">A duration setting whose value is a bare whole number, or no duration at all.</exception>
    public static void Run(IConfiguration configuration)
    {
        foreach (var options in OptionsClasses)
        {
            Check(configuration.GetSection((string)options.GetField("Section")!.GetValue(null)!), options);
        }
    }

    private static IEnumerable<Type> OptionsClasses => typeof(DurationSettingsCheck).Assembly.GetTypes()
        .Where(t => t.GetField("Section", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) is string);

    // The settings under a section bound to an instance of type: its properties, and the entries of its dictionaries and
    // lists. property: the options property the setting binds to, when it is one (not a dictionary's or list's entry).
    private static void Check(IConfigurationSection section, Type type, PropertyInfo? property = null)
    {
        if (IsDuration(type))
        {
            CheckValue(section, property);
            return;
        }
        if (!section.Exists())
        {
            return;
        }
        if (ElementType(type) is { } element)
        {
            foreach (var entry in section.GetChildren())
            {
                Check(entry, element);
            }
            return;
        }
        if (!type.IsClass || type == typeof(string) || type.Assembly != typeof(DurationSettingsCheck).Assembly)
        {
            return;
        }
        foreach (var member in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite || ElementType(p.PropertyType) is not null))
        {
            Check(section.GetSection(member.Name), member.PropertyType, member);
        }
    }

    private static void CheckValue(IConfigurationSection setting, PropertyInfo? property)
    {
        var value = setting.Value?.Trim() ?? "";
        var digits = value.TrimStart('-', '+');
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit))
        {
            // Not a bare number, yet no duration either (1.5, 15.0, 25m, 1h): the binder's own refusal says only that it
            // is "not a valid value for TimeSpan", leaving the operator to guess the format. Read as the binder reads it.
            if (value.Length > 0 && !TimeSpan.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out _))
            {
                throw new StartupCheckException(
                    $"{setting.Path} '{value}' is not a duration; write it as [d.]hh:mm:ss[.fff]: 00:00:01.5 for 1.5 seconds, 00:15:00 for 15 minutes, 1.00:00:00 for a day.");
            }
            return;
        }
        if (digits.All(c => c == '0'))
        {
            // Zero is zero in every unit, so there is no reading to pick between; and 00:00:00 is what most duration
            // settings refuse (an interval, a time limit). Say what the setting takes, as far as its property says.
            throw new StartupCheckException(
                $"{setting.Path} '{value}' is a bare number; write a duration as [d.]hh:mm:ss{Accepted(property)}.");
        }
        // The same number read both ways, for the operator to pick: as seconds (what Celery meant) and as days (what .NET read).
        var seconds = long.TryParse(value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var n)
            && Math.Abs(n) <= 100_000_000 ? TimeSpan.FromSeconds(n).ToString("c", System.Globalization.CultureInfo.InvariantCulture) : "00:00:15";
        throw new StartupCheckException(
            $"{setting.Path} '{value}' is a bare number, which .NET reads as {value.TrimStart('+')} days; write a duration as [d.]hh:mm:ss: "
            + $"{seconds} for {value.TrimStart('+')} seconds, {value.TrimStart('+')}.00:00:00 for {value.TrimStart('+')} days.");
    }

    // ", between 00:01:00 and 3650.00:00:00 (00:15:00 is the default)" from the property's range and its class's default;
    // what neither gives (a per-tool limit, a range checked elsewhere) is not guessed.
    private static string Accepted(PropertyInfo? property)
    {
        if (property is null)
        {
            return "";
        }
        var range = property.GetCustomAttribute<System.ComponentModel.DataAnnotations.RangeAttribute>();
        var between = range is { Minimum: string min, Maximum: string max } ? $", between {min} and {max}" : "";
        var declaring = property.DeclaringType!;
        var defaults = declaring.GetConstructor(Type.EmptyTypes) is not null ? Activator.CreateInstance(declaring) : null;
        var byDefault = defaults is not null && property.GetValue(defaults) is TimeSpan value
            ? $" ({value.ToString("c", System.Globalization.CultureInfo.InvariantCulture)} is the default)"
            : "";
        return between + byDefault;
    }

    private static bool IsDuration(Type type) => (Nullable.GetUnderlyingType(type) ?? type) == typeof(TimeSpan);

    // The element type of a dictionary keyed by string, or of a list or array; null for anything else.
    private static Type? ElementType(Type type)
    {
        if (type == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(type))
        {
            return null;
        }
        if (type.IsArray)
        {
            return type.GetElementType();
        }
        var dictionary = type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>));
        if (dictionary is not null)
        {
            return dictionary.GetGenericArguments()[1];
        }
        var list = type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        return list?.GetGenericArguments()[0];
    }
}
