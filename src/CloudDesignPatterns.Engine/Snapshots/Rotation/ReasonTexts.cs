using System;
using System.Collections.Generic;

namespace CloudDesignPatterns.Engine.Snapshots.Rotation
{
    /// <summary>
    /// The reason texts of one planning run, each made once: they depend only on the rules, the cutoff and a generation
    /// number, and a rotation of 100,000 sets would otherwise format the same few hundred strings 100,000 times.
    /// </summary>
    internal sealed class ReasonTexts
    {
        public enum Kind { BeyondKept, OlderThanCutoff, WithinKept, NewerThanCutoff }

        private readonly Dictionary<(Kind, int), string> made = new Dictionary<(Kind, int), string>();

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
            if (made.TryGetValue((kind, generation), out var text)) return text;
            text = kind switch
            {
                Kind.BeyondKept => $"Generation {generation}, beyond the {Rules.KeepGenerations} kept.",
                Kind.OlderThanCutoff => $"Generation {generation}, older than {RotationPlanner.Format(Cutoff!.Value)}.",
                Kind.WithinKept => $"Generation {generation} of {Rules.KeepGenerations}.",
                _ => $"Generation {generation}, newer than {RotationPlanner.Format(Cutoff!.Value)}.",
            };
            made[(kind, generation)] = text;
            return text;
        }
    }
}
