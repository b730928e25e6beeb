namespace Speech.Captioning.Data;

/// <summary>How captions name each event: clauses ("a bell rings") and noun phrases ("a ringing
/// bell"), several synonyms each, so the five captions of a clip differ as human ones do.</summary>
internal static class SoundEventPhrases
{
    public static (string[] Clauses, string[] Nouns) Of(SoundEventKind kind, bool high) => kind switch
    {
        SoundEventKind.Tone => ([$"a {(high ? "high" : "low")} beep sounds", "a beep is heard", $"a {(high ? "high pitched" : "low pitched")} tone beeps", "something beeps"],
                                [$"a {(high ? "high" : "low")} beep", "a beeping tone", $"a {(high ? "high pitched" : "deep")} tone"]),
        SoundEventKind.Chirp => ([$"a tone sweeps {(high ? "up" : "down")}", "an electronic chirp sounds", $"a {(high ? "rising" : "falling")} chirp is heard"],
                                 [$"a {(high ? "rising" : "falling")} chirp", "an electronic chirp", "a sweeping tone"]),
        SoundEventKind.Siren => (["a siren wails", "an alarm sounds", "a siren is blaring"], ["a wailing siren", "an alarm", "a loud siren"]),
        SoundEventKind.Bell => (["a bell rings", "a bell chimes", "a bell is ringing"], ["a ringing bell", "a chime", "the sound of a bell"]),
        SoundEventKind.Engine => (["an engine hums", "a motor runs", "an engine is idling"], ["a humming engine", "a running motor", "an idling engine"]),
        SoundEventKind.Rain => (["rain falls", "rain is pouring", "rain patters"], ["falling rain", "heavy rain", "the rain"]),
        SoundEventKind.Wind => (["wind blows", "the wind howls", "wind is blowing"], ["blowing wind", "a gust of wind", "howling wind"]),
        SoundEventKind.Clicks => (["something clicks", "a clock ticks", "clicking sounds are heard"], ["clicking", "a ticking clock", "rapid clicks"]),
        SoundEventKind.Claps => (["people clap", "hands clap", "someone is clapping"], ["clapping", "applause", "a few claps"]),
        SoundEventKind.MaleSpeech => (["a man speaks", "a man is talking", "a male voice speaks"], ["a man speaking", "a male voice", "a man talking"]),
        SoundEventKind.FemaleSpeech => (["a woman speaks", "a woman is talking", "a female voice speaks"], ["a woman speaking", "a female voice", "a woman talking"]),
        _ => (["someone sings a note", "a voice sings", "a person is singing"], ["a sung note", "singing", "a singing voice"]),
    };

    public static readonly string[] Loud = ["loudly", "very loudly", "close by"];
    public static readonly string[] Soft = ["softly", "faintly", "in the distance"];
}
