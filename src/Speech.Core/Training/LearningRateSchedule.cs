namespace Speech.Core.Training;

/// <summary>Learning-rate multipliers by step (1-based): linear warm-up to 1, then constant,
/// linear or cosine decay to 0 at <c>totalSteps</c>, or Noam's inverse square root
/// (<c>min(step/warmup, sqrt(warmup/step))</c>, peak 1 at the end of warm-up).</summary>
public static class LearningRateSchedule
{
    public static double Factor(ScheduleKind kind, long step, long warmupSteps, long totalSteps)
    {
        if (step < 1) step = 1;
        if (kind == ScheduleKind.Noam)
        {
            long warm = Math.Max(1, warmupSteps);
            return Math.Min((double)step / warm, Math.Sqrt((double)warm / step));
        }
        if (warmupSteps > 0 && step <= warmupSteps) return (double)step / warmupSteps;
        double progress = totalSteps <= warmupSteps ? 1 : Math.Clamp((double)(step - warmupSteps) / (totalSteps - warmupSteps), 0, 1);
        return kind switch
        {
            ScheduleKind.Constant => 1,
            ScheduleKind.Linear => 1 - progress,
            ScheduleKind.Cosine => 0.5 * (1 + Math.Cos(Math.PI * progress)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }
}
