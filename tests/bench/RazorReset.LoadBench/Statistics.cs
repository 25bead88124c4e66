namespace RazorReset.LoadBench;

public static class Statistics
{
    /// <summary>Linear interpolation between closest ranks, <paramref name="p"/> in [0, 1].</summary>
    public static double Percentile(IReadOnlyCollection<double> values, double p)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        var rank = p * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }

    public static double Median(IReadOnlyCollection<double> values) => Percentile(values, 0.5);
}
