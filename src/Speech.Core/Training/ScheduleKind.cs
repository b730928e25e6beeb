namespace Speech.Core.Training;

/// <summary>Learning-rate shape after linear warm-up.</summary>
public enum ScheduleKind { Constant, Linear, Cosine, Noam }
