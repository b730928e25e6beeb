using System.Diagnostics;
using Spectre.Console;
using Speech.Core.Progress;

namespace Speech.Cli.Hosting;

/// <summary>Draws library progress: a live Spectre.Console bar (done/total, rate, ETA, status) on a
/// terminal, plain lines at most every few seconds when output is redirected (logs, CI).</summary>
public static class ConsoleProgress
{
    static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(5);

    public static T Run<T>(TextWriter output, string title, Func<IProgress<WorkProgress>, T> work)
    {
        bool interactive = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
        return interactive ? RunLive(title, work) : RunPlain(output, title, work);
    }

    static T RunLive<T>(string title, Func<IProgress<WorkProgress>, T> work)
    {
        T result = default!;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                     new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var task = context.AddTask(Markup.Escape(title), maxValue: 1);
                result = work(new Reporter(update =>
                {
                    if (update.Total is > 0) task.MaxValue = update.Total.Value;
                    task.Value = update.Done;
                    task.Description = Markup.Escape(update.Status is null ? title : $"{title} {update.Status}");
                }));
                task.Value = task.MaxValue;
            });
        return result;
    }

    static T RunPlain<T>(TextWriter output, string title, Func<IProgress<WorkProgress>, T> work)
    {
        var clock = Stopwatch.StartNew();
        TimeSpan lastPrinted = TimeSpan.Zero;
        WorkProgress last = default;
        T result = work(new Reporter(update =>
        {
            last = update;
            if (clock.Elapsed - lastPrinted < PlainInterval) return;
            lastPrinted = clock.Elapsed;
            output.WriteLine(FormatPlain(title, update, clock.Elapsed));
        }));
        output.WriteLine(FormatPlain(title, last, clock.Elapsed) + " done");
        return result;
    }

    /// <summary>"title 40/100 (40.0%) 8.0/s ETA 0:00:07 status".</summary>
    internal static string FormatPlain(string title, WorkProgress update, TimeSpan elapsed)
    {
        double rate = elapsed.TotalSeconds > 0 ? update.Done / elapsed.TotalSeconds : 0;
        string amount = update.Total is > 0
            ? $"{update.Done}/{update.Total} ({100.0 * update.Done / update.Total.Value:F1}%)"
            : $"{update.Done}";
        string eta = update.Total is > 0 && rate > 0
            ? $" ETA {TimeSpan.FromSeconds(Math.Max(0, update.Total.Value - update.Done) / rate):h\\:mm\\:ss}"
            : "";
        string status = update.Status is null ? "" : $" {update.Status}";
        return $"{title} {amount} {rate:F1}/s{eta}{status}";
    }

    /// <summary>Synchronous IProgress: the update is drawn on the reporting thread, in order
    /// (System.Progress&lt;T&gt; would post it to a thread pool and reorder).</summary>
    sealed class Reporter(Action<WorkProgress> onReport) : IProgress<WorkProgress>
    {
        readonly object gate = new();
        public void Report(WorkProgress value) { lock (gate) onReport(value); }
    }
}
