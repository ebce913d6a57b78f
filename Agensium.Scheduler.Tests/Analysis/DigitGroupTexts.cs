namespace Agensium.Scheduler.Tests.Analysis;

/// <summary>Random texts of 2–4 digit groups joined by '-', '/' or '.', many of them valid or nearly valid dates: the inputs a date fast path is checked on against the exact formats.</summary>
internal static class DigitGroupTexts
{
    public static IEnumerable<string> Random(int seed, int count)
    {
        var random = new Random(seed);
        const string separators = "-/.";
        for (int n = 0; n < count; n++)
        {
            var text = new System.Text.StringBuilder();
            int groups = random.Next(2, 5);
            for (int g = 0; g < groups; g++)
            {
                if (g > 0)
                {
                    text.Append(separators[random.Next(separators.Length)]);
                }

                int digits = random.Next(1, 6);
                for (int d = 0; d < digits; d++)
                {
                    // Small first digits, so that many groups are valid months and days.
                    text.Append((char)('0' + (d == 0 ? random.Next(0, 4) : random.Next(0, 10))));
                }
            }

            yield return text.ToString();
        }
    }
}
