using System;

namespace CloudDesignPatterns.Engine.Snapshots.Rotation
{
    /// <summary>
    /// The reason texts of one planning run, each made once: they depend only on the rules, the cutoff and a generation
    /// number, and a rotation of 100,000 sets would otherwise format the same few hundred strings 100,000 times.
    /// </summary>
    internal sealed class ReasonTexts
    {
        public enum Kind { BeyondKept, OlderThanCutoff, WithinKept, NewerThanCutoff }

        // Per kind, by generation: an array rather than a dictionary keyed on (kind, generation), whose generic code over
        // that tuple the runtime would compile unoptimised first, in the middle of the planning.
        private readonly string?[][] made = { new string?[16], new string?[16], new string?[16], new string?[16] };

        public ReasonTexts(RotationRules rules, DateTime? cutoff)
        {
            Rules = rules;
            Cutoff = cutoff;
            FailedOlderThanCutoff = cutoff.HasValue ? $"Failed set older than {RotationPlanner.Format(cutoff.Value)}." : "";
        }

        public RotationRules Rules { get; }

        /// <summary>Now less -OlderThan: sets created before it are outside the age rule.</summary>
        public DateTime? Cutoff { get; }

        public string FailedOlderThanCutoff { get; }

        public string Get(Kind kind, int generation)
        {
            var texts = made[(int)kind];
            if (generation < texts.Length && texts[generation] is { } known) return known;
            var text = kind switch
            {
                Kind.BeyondKept => $"Generation {generation}, beyond the {Rules.KeepGenerations} kept.",
                Kind.OlderThanCutoff => $"Generation {generation}, older than {RotationPlanner.Format(Cutoff!.Value)}.",
                Kind.WithinKept => $"Generation {generation} of {Rules.KeepGenerations}.",
                _ => $"Generation {generation}, newer than {RotationPlanner.Format(Cutoff!.Value)}.",
            };
            if (generation >= texts.Length)
            {
                Array.Resize(ref texts, Math.Max(generation + 1, texts.Length * 2));
                made[(int)kind] = texts;
            }
            texts[generation] = text;
            return text;
        }
    }
}
