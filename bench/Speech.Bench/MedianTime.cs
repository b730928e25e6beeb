using System.Diagnostics;

namespace Speech.Bench;

/// <summary>The median wall time of an action, after untimed warm-up runs (first-call costs of
/// libtorch kernels): the timing every timed command of this project uses.</summary>
public static class MedianTime
{
    public static double Seconds(Action action, int rounds, int warmups = 1)
    {
        for (int i = 0; i < warmups; i++) action();
        var times = new double[rounds];
        for (int i = 0; i < rounds; i++)
        {
            var clock = Stopwatch.StartNew();
            action();
            times[i] = clock.Elapsed.TotalSeconds;
        }
        Array.Sort(times);
        return times[rounds / 2];
    }
}
