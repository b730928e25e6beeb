using System.CommandLine;
using Speech.Asr.DistilWhisper;
using Speech.Asr.Whisper.Loading;
using Speech.Asr.Whisper;
using Speech.Cli.Hosting;

namespace Speech.Cli.DistilWhisper;

/// <summary><c>speech distil-whisper init-student</c>: a copy of the teacher keeping maximally spaced layers.</summary>
public static class InitStudentCommand
{
    public static Command Build()
    {
        var teacher = new Option<string>("--teacher") { Description = "Teacher Whisper folder or ggml file.", Required = true };
        var decoderLayers = new Option<int>("--decoder-layers") { Description = "Decoder layers the student keeps (linspace(0, L-1, n), last forced to L-1).", DefaultValueFactory = _ => 2 };
        var encoderLayers = new Option<int?>("--encoder-layers") { Description = "Encoder layers the student keeps (default: all, the encoder is shared and frozen)." };
        var output = new Option<string>("--out") { Description = "Student folder to write (HF layout; the layer maps go into config.json).", Required = true };
        var command = new Command("init-student", "Initialise a student from the teacher's weights with fewer, maximally spaced layers.")
            { teacher, decoderLayers, encoderLayers, output };
        command.SetAction(parse =>
        {
            using var teacherModel = WhisperLoader.Load(parse.GetValue(teacher)!);
            var source = teacherModel.Model;
            using var student = StudentInitializer.FromTeacher(source, parse.GetValue(decoderLayers), parse.GetValue(encoderLayers));
            WhisperCheckpoint.Save(student, parse.GetValue(output)!);
            // The teacher's CTC head reads encoder states: it serves the student while the encoder is the teacher's.
            bool wholeEncoder = parse.GetValue(encoderLayers) is not { } kept || kept == source.Config.EncoderLayers;
            if (wholeEncoder && WhisperCtcHead.CopyFiles(parse.GetValue(teacher)!, parse.GetValue(output)!))
                parse.InvocationConfiguration.Output.WriteLine("the teacher's CTC head is kept beside the student (same encoder), for joint CTC/attention decoding");
            long teacherDecoder = source.Decoder.LayerParameterCount, studentDecoder = student.Decoder.LayerParameterCount;
            parse.InvocationConfiguration.Output.WriteLine(
                $"student decoder layers [{string.Join(", ", student.Config.DecoderLayerMap!)}] of {source.Config.DecoderLayers}; " +
                $"decoder-layer parameters {studentDecoder:N0} vs {teacherDecoder:N0} ({100.0 * (teacherDecoder - studentDecoder) / teacherDecoder:F0} % fewer); " +
                $"written to {parse.GetValue(output)}");
            return CommandErrors.Success;
        });
        return command;
    }
}
