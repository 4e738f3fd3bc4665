using System;
using System.Management.Automation;
using CloudDesignPatterns.Engine.Configuration.Types;

namespace CloudDesignPatterns.Infrastructure
{
    /// <summary>
    /// Lets a [TimeSpan] parameter take the duration forms a cdp: tag holds ("7d", "12h", "30m", "45s", "2w",
    /// "1.02:00:00"), so an operator types on the command line exactly what the tag says. A TimeSpan (or anything
    /// that is not a string) passes through for PowerShell's own conversion; a string in neither form is refused at
    /// binding with the forms that are accepted, before any AWS call.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class DurationTransformationAttribute : ArgumentTransformationAttribute
    {
        private static readonly DurationType Duration = new DurationType();

        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            // PowerShell 7 reads an unquoted 30s and 7d as number literals (s = [short], d = [decimal]) before any
            // transformation sees them, and a number would then bind as ticks. Those two literal forms mean the unit typed.
            if (value is short seconds) return TimeSpan.FromSeconds(seconds);
            if (value is decimal days) return TimeSpan.FromTicks((long)(days * TimeSpan.TicksPerDay));
            if (!(value is string text)) return inputData;
            if (Duration.TryParse(text.Trim(), out var span)) return span;
            throw new ArgumentTransformationMetadataException(
                $"'{text}' is not a duration: expected {Duration.ExpectedForm}.");
        }
    }
}
