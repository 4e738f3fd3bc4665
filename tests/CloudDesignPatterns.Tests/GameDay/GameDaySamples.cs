using System;
using System.Linq;
using CloudDesignPatterns.Model.GameDay;

namespace CloudDesignPatterns.Tests.GameDay
{
    /// <summary>Hand-built drill results: the shapes Invoke-PatternGameDay returns, with known numbers to assert on.</summary>
    internal static class GameDaySamples
    {
        public const string StopPrimary = "StopInstance i-0a1b2c3d4e5f60101";
        public static readonly DateTime FaultUtc = new DateTime(2026, 12, 7, 9, 0, 0, DateTimeKind.Utc);

        private static GameDayEvent Event(GameDayEventKind kind, double at, string description, double duration = 0, string[]? calls = null, string? error = null)
            => new GameDayEvent
            {
                Kind = kind, Offset = TimeSpan.FromSeconds(at), TimeUtc = FaultUtc.AddSeconds(at), Duration = TimeSpan.FromSeconds(duration),
                Description = description, ApiCalls = calls ?? new string[0], Succeeded = error == null, Error = error,
            };

        private static GameDayExpectation Expect(string name, double limit, double? measured)
            => new GameDayExpectation
            {
                Name = name, Limit = TimeSpan.FromSeconds(limit), Measured = measured == null ? null : TimeSpan.FromSeconds(measured.Value),
                Passed = measured != null && measured <= limit,
                Reason = measured == null ? $"{name} not measured: the service did not come back" : measured <= limit ? "" : $"{name} {measured} s is over the {limit} s limit",
            };

        private static GameDayResult Result(string drill, string mechanism, string fault, GameDayRun[] runs, GameDayExpectation[] expectations)
        {
            var rtos = runs.Where(r => r.Rto != null).Select(r => r.Rto!.Value).OrderBy(t => t).ToList();
            var passed = runs.All(r => r.Passed);
            return new GameDayResult
            {
                Drill = drill, Description = $"{mechanism} drill", Service = "RoutingVip", Mechanism = mechanism, Fault = fault, Recovery = mechanism,
                Target = "Sandbox", Runs = runs, Expectations = expectations, Passed = passed,
                FailureReason = runs.FirstOrDefault(r => !r.Passed)?.FailureReason,
                RtoMinimum = rtos.Count == runs.Length && rtos.Count > 0 ? rtos.First() : null,
                RtoMaximum = rtos.Count == runs.Length && rtos.Count > 0 ? rtos.Last() : null,
                RtoMedian = rtos.Count == runs.Length && rtos.Count > 0 ? rtos[rtos.Count / 2] : null,
                DetectionMedian = runs[0].DetectionTime,
            };
        }

        private static GameDayRun Run(int number, double? rto, double detection, GameDayEvent[] timeline, string? failure = null)
            => new GameDayRun
            {
                Number = number, FaultInjectedUtc = FaultUtc.AddMinutes(number - 1), DetectionTime = TimeSpan.FromSeconds(detection),
                Rto = rto == null ? null : TimeSpan.FromSeconds(rto.Value), Passed = failure == null, FailureReason = failure, Timeline = timeline,
            };

        /// <summary>Route-table failover, recovered at 2 s; three runs (1.8, 2.0, 2.4 s).</summary>
        public static GameDayResult Routing()
        {
            GameDayEvent[] Timeline(double rto) => new[]
            {
                Event(GameDayEventKind.FaultInjected, 0, "StopInstance i-0a1b2c3d4e5f60101"),
                Event(GameDayEventKind.Detected, 0.5, "Test-RoutingFailover: no route to a running instance"),
                Event(GameDayEventKind.RecoveryStep, 0.6, "Set-RoutingFailover -Target web2", rto - 0.7, new[] { "ec2:DescribeRouteTables 200", "ec2:ReplaceRoute 200", "ec2:ReplaceRoute 200" }),
                Event(GameDayEventKind.Recovered, rto, "Test-RoutingFailover: healthy"),
                Event(GameDayEventKind.FaultRemoved, rto + 0.5, "StartInstance i-0a1b2c3d4e5f60101"),
            };
            return Result("routing-ha", "Route-table failover", StopPrimary,
                new[] { Run(1, 2.0, 0.5, Timeline(2.0)), Run(2, 1.8, 0.5, Timeline(1.8)), Run(3, 2.4, 0.5, Timeline(2.4)) },
                new[] { Expect("Rto", 10, 2.4), Expect("Detection", 5, 0.5) });
        }

        /// <summary>DNS failover: 30 s of health checkers and a 30 s TTL, modelled; recovered at 70 s.</summary>
        public static GameDayResult Dns() => Result("dns-failover", "Route 53 DNS failover", StopPrimary,
            new[]
            {
                Run(1, 70, 30, new[]
                {
                    Event(GameDayEventKind.FaultInjected, 0, "StopInstance i-0a1b2c3d4e5f60101"),
                    Event(GameDayEventKind.Modelled, 0, "Route 53 health checkers: 3 failures at 10 s", 30),
                    Event(GameDayEventKind.Detected, 30, "Get-Route53Failover: primary unhealthy"),
                    Event(GameDayEventKind.RecoveryStep, 30, "Set-Route53Failover -SwitchTo Secondary", 8, new[] { "route53:ChangeResourceRecordSets 200" }),
                    Event(GameDayEventKind.Modelled, 40, "Resolver cache: TTL 30 s", 30),
                    Event(GameDayEventKind.Recovered, 70, "Get-Route53Failover: answers the secondary"),
                    Event(GameDayEventKind.FaultRemoved, 71, "StartInstance i-0a1b2c3d4e5f60101"),
                }),
            },
            new[] { Expect("Rto", 120, 70) });

        /// <summary>An Elastic IP drill whose recovery never succeeds: no Recovered event, watched for 90 s; no expectations.</summary>
        public static GameDayResult NeverRecovered() => Result("eip-broken", "Elastic IP move", StopPrimary,
            new[]
            {
                Run(1, null, 1, new[]
                {
                    Event(GameDayEventKind.FaultInjected, 0, "StopInstance i-0a1b2c3d4e5f60101"),
                    Event(GameDayEventKind.Detected, 1, "Get-FloatingIp: not answering"),
                    Event(GameDayEventKind.RecoveryStep, 1.5, "Move-FloatingIp -To web2", 2, new[] { "ec2:AssociateAddress 503" }, error: "ec2:AssociateAddress answered 503 Service Unavailable"),
                    Event(GameDayEventKind.Failed, 90, "Gave up", error: "The service did not recover within 90 s"),
                    Event(GameDayEventKind.FaultRemoved, 90, "StartInstance i-0a1b2c3d4e5f60101"),
                }, failure: "The service did not recover within 90 s"),
            },
            new GameDayExpectation[0]);

        /// <summary>A drill whose name and description come from a hostile file: markup and ampersands.</summary>
        public static GameDayResult Hostile()
        {
            var r = Routing();
            r.Drill = "<script>alert('x')</script> & \"friends\"";
            r.Description = "<img src=http://evil.example/x.png> & co";
            r.Fault = "AzLoss <b>ap-northeast-1a</b>";
            r.Runs[0].Timeline[2].Error = "<iframe src=\"http://evil.example\">";
            r.Runs[0].Timeline[2].Succeeded = false;
            return r;
        }

        public static GameDayResult[] All() => new[] { Routing(), Dns(), NeverRecovered() };
    }
}
