namespace Speech.Captioning.Data;

/// <summary>The sound events the synthetic caption corpus mixes. The ambient ones (engine, rain,
/// wind) can sit under other events.</summary>
public enum SoundEventKind { Tone, Chirp, Siren, Bell, Engine, Rain, Wind, Clicks, Claps, MaleSpeech, FemaleSpeech, SungNote }
