using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Snapshots;
using CloudDesignPatterns.Sandbox.Faults;
using CloudDesignPatterns.Tests.SnapshotRotation;

namespace CloudDesignPatterns.Tests.Ec2Query
{
    /// <summary>DescribeSnapshots read without the SDK, against the sandbox: same answer as the SDK, paging, retries, errors.</summary>
    public sealed class SnapshotQueryReadTests : IDisposable
    {
        private readonly RotationSandbox sandbox = new RotationSandbox();

        public void Dispose() => sandbox.Dispose();

        private static List<Filter> Managed() => new List<Filter> { new Filter("tag-key", new List<string> { "cdp:snapshot:set-id" }) };

        [Fact]
        public async Task Every_page_reads_the_same_snapshots_the_SDK_unmarshaller_reads()
        {
            sandbox.Host.Ec2.SeedManagedFleet(sandbox.Host.Region, 3, 900, "nightly", DateTime.UtcNow.AddHours(-1)); // 2,700: three pages
            sandbox.SeedSet(daysAgo: 1, pending: true, extraTags: new Dictionary<string, string> { ["Owner"] = "ops & <dba>" });
            var before = sandbox.Host.Control.GetCalls().Count;

            var ours = await SnapshotSetReader.ReadSnapshotsAsync(sandbox.Session, Managed(), CancellationToken.None);

            var calls = sandbox.Host.Control.GetCalls().Skip(before).ToList();
            Assert.Equal(3, calls.Count);
            Assert.All(calls, c => Assert.Equal(("DescribeSnapshots", "Success"), (c.Action, c.Outcome)));
            Assert.Equal(new[] { false, true, true }, calls.Select(c => c.Parameters.ContainsKey("NextToken")));
            Assert.All(calls, c => Assert.Equal("1000", c.Parameters["MaxResults"]));

            var sdk = await SdkDescribeAllAsync();
            Assert.Equal(2701, ours.Count);
            Assert.Equal(sdk.Count, ours.Count);
            var byId = sdk.ToDictionary(s => s.SnapshotId);
            foreach (var s in ours)
            {
                var expected = byId[s.SnapshotId];
                Assert.Equal((expected.VolumeId, expected.State.Value, SnapshotFacts.ParseProgress(expected.Progress), expected.VolumeSize),
                             (s.VolumeId, s.State, s.Progress, (int?)s.SizeGiB));
                Assert.Equal(expected.StartTime!.Value.ToUniversalTime(), s.StartTime!.Value);
                Assert.Equal(expected.Tags.Select(t => (t.Key, t.Value)), s.AllTags!.Select(t => (t.Key, t.Value)));
            }
            Assert.Contains(ours, s => s.State == "pending" && s.AllTags!.Any(t => t.Value == "ops & <dba>"));
        }

        [Fact]
        public async Task The_lean_read_for_sets_holds_what_the_SDK_reads_and_asks_for_each_page_once_in_order()
        {
            sandbox.Host.Ec2.SeedManagedFleet(sandbox.Host.Region, 3, 900, "nightly", DateTime.UtcNow.AddHours(-1)); // 2,700: three pages
            sandbox.SeedSet(daysAgo: 2, pending: true, extraTags: new Dictionary<string, string> { ["aws:backup:source-resource"] = "x", ["Name"] = "n & <m>" });
            var before = sandbox.Host.Control.GetCalls().Count;

            var facts = await FactsAsync();

            var calls = sandbox.Host.Control.GetCalls().Skip(before).ToList();
            Assert.Equal(new[] { "DescribeSnapshots", "DescribeSnapshots", "DescribeSnapshots" }, calls.Select(c => c.Action));
            var tokens = calls.Select(c => c.Parameters.TryGetValue("NextToken", out var t) ? t : null).ToList();
            Assert.Null(tokens[0]);
            Assert.Equal(3, tokens.Distinct().Count()); // each page once: the read-ahead never asks for a page twice
            var sdk = (await SdkDescribeAllAsync()).ToDictionary(s => s.SnapshotId);
            Assert.Equal(sdk.Count, facts.Count);
            foreach (var f in facts)
            {
                var expected = SnapshotFacts.From(sdk[f.SnapshotId]);
                Assert.Equal((expected.VolumeId, expected.State, expected.Progress, expected.SizeGiB, expected.StartTime), (f.VolumeId, f.State, f.Progress, f.SizeGiB, f.StartTime));
                Assert.Equal(expected.Tags, f.Tags);
            }
            var pending = Assert.Single(facts, f => f.State == "pending");
            Assert.Equal(("n & <m>", "aws:backup:source-resource"), (pending.Tags.Name, pending.Tags.ForeignOwnerTag));
        }

        [Fact]
        public async Task A_rotation_read_leaves_out_the_names_it_never_shows()
        {
            var (setId, _) = sandbox.SeedSet(daysAgo: 1);

            var withNames = await FactsAsync();
            var without = await FactsAsync(names: false);

            Assert.StartsWith("nightly-i-0a1b2c3d4e5f60101-", Assert.Single(withNames).Tags.Name);
            var lean = Assert.Single(without);
            Assert.Null(lean.Tags.Name);
            Assert.Equal((setId, "nightly", RotationSandbox.Instance), (lean.Tags.SetId, lean.Tags.Policy, lean.Tags.SourceInstance));
        }

        [Fact]
        public async Task A_server_error_on_a_page_is_retried_by_the_call_runner()
        {
            sandbox.SeedSet(daysAgo: 1);
            sandbox.Host.Control.SetFaults(new FaultSettings { ServerErrors = new ServerErrorFault { Count = 1, Action = "DescribeSnapshots", StatusCode = 503 } });
            var before = sandbox.Host.Control.GetCalls().Count;

            var ours = await SnapshotSetReader.ReadSnapshotsAsync(sandbox.Session, Managed(), CancellationToken.None);

            Assert.Single(ours);
            Assert.Equal(new[] { "Unavailable", "Success" }, sandbox.Host.Control.GetCalls().Skip(before).Select(c => c.Outcome));
            Assert.Equal(1, sandbox.Session.Runner.RetriedAttempts);
        }

        [Fact]
        public async Task An_EC2_error_answer_carries_its_code_and_category()
        {
            var filters = new List<Filter> { new Filter("no-such-filter", new List<string> { "x" }) };

            var error = await Assert.ThrowsAsync<PatternException>(() => SnapshotSetReader.ReadSnapshotsAsync(sandbox.Session, filters, CancellationToken.None));

            Assert.Equal("InvalidParameterValue", error.AwsErrorCode);
            Assert.Equal("AwsCallFailed.InvalidParameterValue", error.ErrorId);
            Assert.Equal(PatternErrorCategory.InvalidArgument, error.Category);
            Assert.Contains("no-such-filter", error.Message);
        }

        [Fact]
        public async Task Sets_named_by_more_ids_than_a_filter_takes_are_read_in_batches_of_200()
        {
            sandbox.Host.Ec2.SeedManagedFleet(sandbox.Host.Region, 1, 450, "nightly", DateTime.UtcNow.AddHours(-1));
            var ids = (await SnapshotSetReader.ListAsync(sandbox.Session, new SnapshotQuery { Policy = "nightly", SnapshotsOnly = true }, CancellationToken.None))
                .Select(s => s.SetId).ToList();
            Assert.Equal(450, ids.Count);
            var before = sandbox.Host.Control.GetCalls().Count;

            var sets = await SnapshotSetReader.ListAsync(sandbox.Session, new SnapshotQuery { SetIds = ids.Concat(ids.Take(10)).ToList(), SnapshotsOnly = true }, CancellationToken.None);

            Assert.Equal(ids.OrderBy(id => id, StringComparer.Ordinal), sets.Select(s => s.SetId).OrderBy(id => id, StringComparer.Ordinal));
            var calls = sandbox.Host.Control.GetCalls().Skip(before).ToList();
            Assert.All(calls, c => Assert.Equal("DescribeSnapshots", c.Action));
            // Each id asked for once, in batches EC2 accepts: 200 + 200 + 50.
            var batches = calls.Select(c =>
            {
                var filter = c.Parameters.Single(p => p.Key.StartsWith("Filter.") && p.Key.EndsWith(".Name") && p.Value == "tag:cdp:snapshot:set-id").Key;
                var prefix = filter.Substring(0, filter.Length - "Name".Length) + "Value.";
                return c.Parameters.Keys.Count(k => k.StartsWith(prefix));
            });
            Assert.Equal(new[] { 200, 200, 50 }, batches);
        }

        private async Task<List<SnapshotFacts>> FactsAsync(bool names = true)
        {
            var facts = new List<SnapshotFacts>();
            await SnapshotSetReader.ReadSnapshotsAsync(sandbox.Session, Managed(), (in SnapshotFacts f) => facts.Add(f), CancellationToken.None, names);
            return facts;
        }

        private async Task<List<Snapshot>> SdkDescribeAllAsync()
        {
            using var client = new AmazonEC2Client(new BasicAWSCredentials("AKIDROTATIONTEST", "x"),
                new AmazonEC2Config { ServiceURL = sandbox.Host.Endpoint.ToString(), AuthenticationRegion = sandbox.Host.Region });
            var all = new List<Snapshot>();
            string? next = null;
            do
            {
                var page = await client.DescribeSnapshotsAsync(new DescribeSnapshotsRequest { OwnerIds = new List<string> { "self" }, Filters = Managed(), MaxResults = 1000, NextToken = next });
                all.AddRange(page.Snapshots);
                next = page.NextToken;
            } while (!string.IsNullOrEmpty(next));
            return all;
        }
    }
}
