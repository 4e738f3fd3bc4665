using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.GameDay;
using CloudDesignPatterns.Model.GameDay;
using Xunit;

namespace CloudDesignPatterns.Tests.GameDay
{
    /// <summary>The runner against a scripted world: a clock that only moves when the runner sleeps or a step takes time.</summary>
    public sealed class GameDayRunnerTests
    {
        private sealed class ScriptedWorld : IDrillEnvironment
        {
            public DateTime Now = new DateTime(2026, 12, 7, 0, 0, 0, DateTimeKind.Utc);
            public bool Broken, Recovered;
            /// <summary>The probe never sees the service up again once it broke, whatever the recovery did.</summary>
            public bool NeverComesBack;
            public TimeSpan RecoveryTakes = TimeSpan.FromSeconds(2);
            public Func<RecoveryStepOutcome>? Step;
            public Action? OnSleep;
            public readonly List<string> Log = new List<string>();
            public DateTime UtcNow => Now;
            public void Sleep(TimeSpan pause, CancellationToken cancel) { OnSleep?.Invoke(); cancel.ThrowIfCancellationRequested(); Now += pause; }
            public void Prepare(DrillDeclaration drill, int run) { Log.Add("prepare " + run); Broken = Recovered = false; }
            public TimeSpan? DataAge(DrillDeclaration drill, DateTime at) => null;
            public void Inject(DrillFault fault, DrillDeclaration drill) { Log.Add("inject " + fault.Kind); if (DrillFaultKinds.BreaksService(fault.Kind)) Broken = true; }
            public string Remove(DrillFault fault, DrillDeclaration drill) { Log.Add("remove " + fault.Kind); return "removed"; }
            public ProbeReading Probe(DrillDeclaration drill) => new ProbeReading(!Broken || (Recovered && !NeverComesBack), Broken ? "broken" : "fine");
            public RecoveryStepOutcome Recover(DrillRecoveryStep step, DrillDeclaration drill)
            {
                Log.Add("recover");
                Now += RecoveryTakes;
                var outcome = Step?.Invoke() ?? new RecoveryStepOutcome { Description = "switched" };
                Recovered = outcome.Succeeded;
                return outcome;
            }
            public long CallMark() => 0;
            public string[] CallsSince(long mark) => new[] { "ec2:ReplaceRoute 200" };
            public IReadOnlyList<GameDayEvent> TakeEvents() => Array.Empty<GameDayEvent>();
        }

        private static DrillDeclaration Drill(string rto = "5s", params Hashtable[] faults) => DrillReader.Read(new Hashtable
        {
            ["Name"] = "d",
            ["Service"] = new Hashtable { ["Kind"] = "RoutingVip", ["VirtualIp"] = "100.64.0.10", ["RouteTableId"] = "rtb-0a1b2c3d4e5f60031", ["Primary"] = "i-0a1b2c3d4e5f60101", ["Standby"] = "i-0a1b2c3d4e5f60102" },
            ["Fault"] = faults.Length == 0 ? new object[] { new Hashtable { ["Kind"] = "StopInstance" } } : faults.Cast<object>().ToArray(),
            ["Recovery"] = new Hashtable { ["Kind"] = "SetRoutingFailover" },
            ["Probe"] = new Hashtable { ["Interval"] = "500ms" },
            ["Expect"] = new Hashtable { ["Rto"] = rto },
            ["Limit"] = "10s",
        });

        [Fact]
        public void A_recovered_drill_measures_detection_and_rto_from_the_first_fault()
        {
            var world = new ScriptedWorld();
            var result = new GameDayRunner(world).Run(Drill(), 1, "Sandbox", CancellationToken.None);
            Assert.True(result.Passed, result.FailureReason);
            Assert.Equal(TimeSpan.Zero, result.DetectionMedian);
            Assert.Equal(TimeSpan.FromSeconds(2), result.RtoMedian);
            Assert.Equal(new[] { GameDayEventKind.FaultInjected, GameDayEventKind.Detected, GameDayEventKind.RecoveryStep, GameDayEventKind.Recovered, GameDayEventKind.FaultRemoved },
                result.Timeline.Select(e => e.Kind));
            Assert.Equal(new[] { "ec2:ReplaceRoute 200" }, result.Timeline.Single(e => e.Kind == GameDayEventKind.RecoveryStep).ApiCalls);
        }

        [Fact]
        public void An_rto_over_its_limit_fails_with_the_measured_value()
        {
            var world = new ScriptedWorld { RecoveryTakes = TimeSpan.FromSeconds(7) };
            var result = new GameDayRunner(world).Run(Drill("5s"), 1, "Sandbox", CancellationToken.None);
            Assert.False(result.Passed);
            Assert.Equal("Rto 7 s is over the limit of 5 s", result.FailureReason);
        }

        [Fact]
        public void A_failed_step_fails_the_run_and_the_fault_is_still_removed()
        {
            var world = new ScriptedWorld { Step = () => new RecoveryStepOutcome { Description = "x", Succeeded = false, Error = "denied" } };
            var result = new GameDayRunner(world).Run(Drill(), 1, "Sandbox", CancellationToken.None);
            Assert.Equal("recovery step SetRoutingFailover failed: denied", result.FailureReason);
            Assert.Null(result.RtoMedian);
            Assert.Equal("remove StopInstance", world.Log.Last());
        }

        [Fact]
        public void A_service_that_never_comes_back_fails_at_the_limit()
        {
            var world = new ScriptedWorld { NeverComesBack = true };
            var result = new GameDayRunner(world).Run(Drill(), 1, "Sandbox", CancellationToken.None);
            Assert.Equal("the service was not back within the drill's limit of 10 s", result.FailureReason);
            Assert.Contains("remove StopInstance", world.Log);
        }

        [Fact]
        public void Cancelling_while_waiting_removes_every_fault_in_reverse_order_and_rethrows()
        {
            var world = new ScriptedWorld { NeverComesBack = true };
            using var stop = new CancellationTokenSource();
            world.OnSleep = stop.Cancel;
            var faults = new[] { new Hashtable { ["Kind"] = "StopInstance" }, new Hashtable { ["Kind"] = "ApiThrottled" } };
            Assert.Throws<OperationCanceledException>(() => new GameDayRunner(world).Run(Drill("5s", faults), 1, "Sandbox", stop.Token));
            Assert.Equal(new[] { "remove ApiThrottled", "remove StopInstance" }, world.Log.Where(l => l.StartsWith("remove")));
        }

        [Fact]
        public void Repeat_gives_minimum_median_and_maximum_and_every_run_is_prepared()
        {
            var world = new ScriptedWorld();
            var takes = new Queue<int>(new[] { 3, 1, 2 });
            world.Step = () => { world.Now += TimeSpan.FromSeconds(takes.Dequeue()); return new RecoveryStepOutcome { Description = "ok" }; };
            world.RecoveryTakes = TimeSpan.Zero;
            var result = new GameDayRunner(world).Run(Drill(), 3, "Sandbox", CancellationToken.None);
            Assert.Equal(3, result.Runs.Length);
            Assert.Equal((1, 2, 3), (result.RtoMinimum!.Value.Seconds, result.RtoMedian!.Value.Seconds, result.RtoMaximum!.Value.Seconds));
            Assert.Equal(new[] { "prepare 1", "prepare 2", "prepare 3" }, world.Log.Where(l => l.StartsWith("prepare")));
        }

        [Theory]
        [InlineData("Rtp", "DrillUnknownKey")]
        [InlineData("Rto30", "DrillUnknownKey")]
        public void Unknown_keys_are_refused_with_their_name(string key, string errorId)
        {
            var table = new Hashtable { ["Name"] = "d", ["Service"] = new Hashtable { ["Kind"] = "InstanceData", ["InstanceId"] = "i-0a1b2c3d4e5f60103" },
                ["Fault"] = new Hashtable { ["Kind"] = "StopInstance" }, ["Recovery"] = new Hashtable { ["Kind"] = "RestoreSnapshot" }, ["Expect"] = new Hashtable { [key] = "1h" } };
            var error = Assert.Throws<PatternException>(() => DrillReader.Read(table));
            Assert.Equal(errorId, error.ErrorId);
            Assert.Contains($"'{key}'", error.Message);
        }

        [Theory]
        [InlineData("30", false)]
        [InlineData("30s", true)]
        [InlineData("250ms", true)]
        [InlineData("1.5m", true)]
        [InlineData("0s", false)]
        [InlineData("-5s", false)]
        public void Durations_need_a_unit(string text, bool valid)
        {
            if (valid) Assert.True(DrillDuration.Parse(text, "Expect.Rto") > TimeSpan.Zero);
            else Assert.Equal("DrillDurationWithoutUnit", Assert.Throws<PatternException>(() => DrillDuration.Parse(text, "Expect.Rto")).ErrorId);
        }

        [Fact]
        public void A_drill_with_only_recovery_time_faults_is_refused()
        {
            var error = Assert.Throws<PatternException>(() => Drill("5s", new Hashtable { ["Kind"] = "ApiErrors" }));
            Assert.Equal("DrillNoServiceFault", error.ErrorId);
        }
    }
}
