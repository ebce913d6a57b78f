using System.Globalization;
using System.Text;

namespace Agensium.Scheduler.Tests.Integration;

/// <summary>Generated inputs (the project runs and tests without ../shared).</summary>
public static class TestData
{
    public static byte[] CustomersCsv(int rows, int seed = 7)
    {
        var random = new Random(seed);
        var sb = new StringBuilder("customer_id,first_name,email,phone,signup_date,amount,country\n");
        string[] names = ["Ana", "Ben", "Chloé", "Dmitri", "Eve", "Farah", "Gus"];
        string[] countries = ["US", "DE", "FR", "IN", "BR"];
        for (var i = 0; i < rows; i++)
        {
            var name = names[random.Next(names.Length)];
            sb.Append(CultureInfo.InvariantCulture, $"C{i:D6},{name},{name.ToLowerInvariant()}{i}@example.com,+1-555-{random.Next(1000, 9999)},")
              .Append(CultureInfo.InvariantCulture, $"2024-{random.Next(1, 13):D2}-{random.Next(1, 29):D2},{random.NextDouble() * 500:F2},{countries[random.Next(countries.Length)]}\n");
        }
        return Encoding.UTF8.GetBytes(sb.ToString());
    }
}
