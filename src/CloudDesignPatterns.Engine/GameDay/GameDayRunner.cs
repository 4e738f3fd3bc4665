using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Model.GameDay;

namespace CloudDesignPatterns.Engine.GameDay
{
    /// <summary>
    /// Runs a drill: the fault, the probe until it sees the outage, the recovery, the probe until the service is back,
    /// and — whatever happened, a failed step, a limit passed or Ctrl+C — every fault put back. The clock starts when the
    /// first fault is injected, so RTO is what a user of the service would have lived through.
    /// </summary>
    public sealed class GameDayRunner
    {
        private readonly IDrillEnvironment env;

        public GameDayRunner(IDrillEnvironment environment) { env = environment; }

        /// <summary>Runs the drill <paramref name="repeat"/> times. Bad resources or a service not up before the first
        /// fault throw; everything after the first fault ends up in the result.</summary>
        public GameDayResult Run(DrillDeclaration drill, int repeat, string target, CancellationToken cancel, Action<int>? onRunStarting = null)
        {
            if (repeat < 1) throw new ArgumentOutOfRangeException(nameof(repeat));
            var runs = new List<GameDayRun>();
            for (var number = 1; number <= repeat; number++)
            {
                onRunStarting?.Invoke(number);
                if (number == 1) env.Prepare(drill, number);
                else
                {
                    try { env.Prepare(drill, number); }
                    catch (PatternException notReady)
                    {
                        runs.Add(new GameDayRun { Number = number, FaultInjectedUtc = env.UtcNow, FailureReason = "not ready for the run: " + notReady.Message });
                        continue;
                    }
                }
                runs.Add(RunOnce(drill, number, cancel));
            }
            return GameDayResults.Summarize(drill, target, runs);
        }

        private GameDayRun RunOnce(DrillDeclaration drill, int number, CancellationToken cancel)
        {
            var timeline = new List<GameDayEvent>();
            var injected = new List<DrillFault>();
            var start = env.UtcNow;
            var run = new GameDayRun { Number = number, FaultInjectedUtc = start, Rpo = env.DataAge(drill, start) };
            try
            {
                foreach (var fault in drill.Faults.Where(f => DrillFaultKinds.BreaksService(f.Kind)))
                    Inject(fault, drill, injected, timeline, "");
                var deadline = start + drill.Limit;
                var down = WaitFor(drill, healthy: false, deadline, timeline, cancel);
                if (down == null)
                {
                    run.FailureReason = $"the probe never saw the service down within the drill's limit of {Seconds(drill.Limit)}";
                    return run;
                }
                run.DetectionTime = down.Value.At - start;
                Add(timeline, GameDayEventKind.Detected, down.Value.At, "service down: " + down.Value.Reading.Detail);
                foreach (var fault in drill.Faults.Where(f => !DrillFaultKinds.BreaksService(f.Kind)))
                    Inject(fault, drill, injected, timeline, " (during the recovery)");
                if (!Recover(drill, timeline, run)) return run;
                var up = WaitFor(drill, healthy: true, deadline, timeline, cancel);
                if (up == null)
                {
                    run.FailureReason = $"the service was not back within the drill's limit of {Seconds(drill.Limit)}";
                    return run;
                }
                run.Rto = up.Value.At - start;
                Add(timeline, GameDayEventKind.Recovered, up.Value.At, "service up: " + up.Value.Reading.Detail);
                return run;
            }
            catch (PatternException failed)
            {
                run.FailureReason = failed.Message;
                Add(timeline, GameDayEventKind.Failed, env.UtcNow, failed.Message, error: failed.ErrorId);
                return run;
            }
            finally
            {
                PutBack(drill, injected, timeline, run);
                timeline.AddRange(env.TakeEvents());
                run.Timeline = timeline.OrderBy(e => e.TimeUtc).ToArray();
                foreach (var e in run.Timeline) e.Offset = e.TimeUtc - start;
                run.Expectations = GameDayResults.Check(drill.Expect, run);
                run.Passed = run.FailureReason == null && run.Expectations.All(x => x.Passed);
                if (run.FailureReason == null && !run.Passed)
                    run.FailureReason = string.Join("; ", run.Expectations.Where(x => !x.Passed).Select(x => x.Reason));
            }
        }

        private void Inject(DrillFault fault, DrillDeclaration drill, List<DrillFault> injected, List<GameDayEvent> timeline, string when)
        {
            env.Inject(fault, drill);
            injected.Add(fault);
            Add(timeline, GameDayEventKind.FaultInjected, env.UtcNow, fault + when);
        }

        /// <summary>Runs the steps in order; false (with the reason on the run) when one fails.</summary>
        private bool Recover(DrillDeclaration drill, List<GameDayEvent> timeline, GameDayRun run)
        {
            foreach (var step in drill.Recovery)
            {
                var mark = env.CallMark();
                var began = env.UtcNow;
                var outcome = env.Recover(step, drill);
                var ended = env.UtcNow;
                timeline.Add(new GameDayEvent
                {
                    Kind = GameDayEventKind.RecoveryStep, TimeUtc = began, Duration = ended - began, Description = outcome.Description,
                    ApiCalls = env.CallsSince(mark), Succeeded = outcome.Succeeded, Error = outcome.Error,
                });
                if (!outcome.Succeeded)
                {
                    run.FailureReason = $"recovery step {step.Kind} failed: {outcome.Error}";
                    return false;
                }
            }
            return true;
        }

        /// <summary>Polls the probe at the declared interval until it reads <paramref name="healthy"/> or the deadline passes.
        /// A probe that fails counts as "not up": a monitor that cannot tell sees an outage.</summary>
        private (DateTime At, ProbeReading Reading)? WaitFor(DrillDeclaration drill, bool healthy, DateTime deadline, List<GameDayEvent> timeline, CancellationToken cancel)
        {
            while (true)
            {
                cancel.ThrowIfCancellationRequested();
                ProbeReading reading;
                try { reading = env.Probe(drill); }
                catch (PatternException unreadable) { reading = new ProbeReading(false, "the probe failed: " + unreadable.Message); }
                var at = env.UtcNow;
                if (reading.Healthy == healthy) return (at, reading);
                if (at >= deadline) return null;
                env.Sleep(Min(drill.Probe.Interval, deadline - at), cancel);
            }
        }

        private void PutBack(DrillDeclaration drill, List<DrillFault> injected, List<GameDayEvent> timeline, GameDayRun run)
        {
            for (var i = injected.Count - 1; i >= 0; i--)
            {
                try { Add(timeline, GameDayEventKind.FaultRemoved, env.UtcNow, env.Remove(injected[i], drill)); }
                catch (Exception notPutBack) when (!(notPutBack is OutOfMemoryException))
                {
                    Add(timeline, GameDayEventKind.Failed, env.UtcNow, $"could not put back {injected[i]}", error: notPutBack.Message);
                    run.FailureReason ??= $"could not put back {injected[i]}: {notPutBack.Message}";
                }
            }
        }

        private static void Add(List<GameDayEvent> timeline, GameDayEventKind kind, DateTime at, string description, string? error = null)
            => timeline.Add(new GameDayEvent { Kind = kind, TimeUtc = at, Description = description, Error = error, Succeeded = error == null });

        private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

        internal static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + " s";
    }
}
