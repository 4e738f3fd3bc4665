using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2.Model;
using CloudDesignPatterns.Engine.Ec2;
using CloudDesignPatterns.Engine.Ec2.Query;
using CloudDesignPatterns.Engine.Tagging;
using CloudDesignPatterns.Model.Snapshots;

namespace CloudDesignPatterns.Engine.Snapshots
{
    /// <summary>
    /// The one reader of snapshots and images for the snapshot pattern: every DescribeSnapshots goes through
    /// <see cref="ReadSnapshotsAsync"/> (the lean page parser, into <see cref="SnapshotFacts"/>), every DescribeImages through
    /// <see cref="DescribeImagesAsync"/>, and sets are assembled from those facts only (<see cref="SnapshotSetAssembler"/>).
    /// Reads this module's sets in one region from paginated, filtered calls: the filters carry the instance ids,
    /// policy and set ids, so the cost does not grow with one call per instance.
    /// </summary>
    public static class SnapshotSetReader
    {
        private const int PageSize = 1000;

        public static async Task<List<SnapshotSet>> ListAsync(Ec2Session ec2, SnapshotQuery query, CancellationToken cancel)
        {
            var assembler = new SnapshotSetAssembler(ec2.Region, query.IncludeUnmanaged);
            var images = new List<Image>();
            foreach (var filters in FilterBatches(query))
            {
                await ReadSnapshotsAsync(ec2, filters, assembler.Add, cancel).ConfigureAwait(false);
                if (query.SnapshotsOnly) continue;
                if (!query.IncludeUnmanaged || query.SetIds != null || query.InstanceIds != null || query.Policy != null)
                    images.AddRange(await DescribeImagesAsync(ec2, filters, cancel).ConfigureAwait(false));
                else
                    images.AddRange(await DescribeImagesAsync(ec2, ManagedOnly(), cancel).ConfigureAwait(false));
            }
            return assembler.Finish(images.GroupBy(i => i.ImageId).Select(g => g.First()));
        }

        /// <summary>One set as it is now in the session's region (its snapshots only, or with its image), or null when nothing carries the id.</summary>
        public static async Task<SnapshotSet?> ReadSetAsync(Ec2Session ec2, string setId, bool snapshotsOnly, CancellationToken cancel)
            => (await ListAsync(ec2, new SnapshotQuery { SetIds = new[] { setId }, SnapshotsOnly = snapshotsOnly }, cancel).ConfigureAwait(false))
                .FirstOrDefault(s => s.SetId == setId);

        /// <summary>
        /// Every page of the account's own snapshots matching <paramref name="filters"/>, each snapshot reduced to what
        /// sets are built from (<see cref="SnapshotFactsParser"/>) and handed to <paramref name="onSnapshot"/> page by
        /// page, in order, from one thread at a time: a rotation reads 100,000 snapshots, which cost the SDK seconds.
        /// </summary>
        /// <param name="names">False leaves out the Name tag (a rotation never shows it).</param>
        /// <param name="allTags">True keeps every tag of each snapshot too (<see cref="SnapshotFacts.AllTags"/>), for a copy.</param>
        /// <returns>How long the read waited for EC2's answers (no page being parsed or handed on).</returns>
        internal static Task<TimeSpan> ReadSnapshotsAsync(Ec2Session ec2, List<Filter> filters, SnapshotFactsSink onSnapshot, CancellationToken cancel,
            bool names = true, bool allTags = false)
        {
            var parser = new SnapshotFactsParser(onSnapshot, names, allTags);
            // Two pages parsed at once where there are two cores: the read is the module's biggest cost in a rotation.
            return DescribeSnapshotPagesAsync(ec2, filters, parser.Parse, parser.Commit, Math.Min(2, Environment.ProcessorCount), cancel);
        }

        /// <summary>The snapshots matching <paramref name="filters"/>, each with every tag (small reads: a set, a copy's members).</summary>
        internal static async Task<List<SnapshotFacts>> ReadSnapshotsAsync(Ec2Session ec2, List<Filter> filters, CancellationToken cancel)
        {
            var all = new List<SnapshotFacts>();
            await ReadSnapshotsAsync(ec2, filters, (in SnapshotFacts s) => all.Add(s), cancel, allTags: true).ConfigureAwait(false);
            return all;
        }

        /// <summary>The first page only, at most <paramref name="pageSize"/> snapshots: one call, for tab completion.</summary>
        internal static async Task ReadFirstPageAsync(Ec2Session ec2, List<Filter> filters, int pageSize, SnapshotFactsSink onSnapshot, CancellationToken cancel)
        {
            var parser = new SnapshotFactsParser(onSnapshot);
            using var page = await ec2.QueryAsync("DescribeSnapshots", Describe(filters), PageParameters(filters, null, pageSize), cancel).ConfigureAwait(false);
            parser.Parse(0, page.Scanner());
            parser.Commit(0);
        }

        /// <returns>How long the read waited for EC2's answers (no page being parsed or handed on).</returns>
        private static async Task<TimeSpan> DescribeSnapshotPagesAsync(Ec2Session ec2, List<Filter> filters,
            Func<int, Ec2XmlScanner, string?> parsePage, Action<int> commitPage, int workers, CancellationToken cancel)
        {
            var target = Describe(filters);
            var clock = new IdleClock();
            await ReadAheadPager.ReadAllAsync((next, ct) => ec2.QueryAsync("DescribeSnapshots", target, PageParameters(filters, next), ct),
                parsePage, commitPage, workers, clock, cancel).ConfigureAwait(false);
            return clock.Idle;
        }

        private static List<KeyValuePair<string, string>> PageParameters(List<Filter> filters, string? nextToken, int pageSize = PageSize)
        {
            var parameters = new List<KeyValuePair<string, string>>
            {
                new KeyValuePair<string, string>("Owner.1", "self"),
                new KeyValuePair<string, string>("MaxResults", pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            };
            parameters.AddRange(Ec2QueryCall.Filters(filters));
            if (nextToken != null) parameters.Add(new KeyValuePair<string, string>("NextToken", nextToken));
            return parameters;
        }

        internal static Task<List<Image>> DescribeImagesAsync(Ec2Session ec2, List<Filter> filters, CancellationToken cancel)
            => ec2.CallPagesAsync("DescribeImages", Describe(filters),
                (c, next, ct) => c.DescribeImagesAsync(new DescribeImagesRequest { Owners = new List<string> { "self" }, Filters = filters, MaxResults = PageSize, NextToken = next }, ct),
                page => page.Images, page => page.NextToken, cancel);

        /// <summary>One describe per batch of instance ids and batch of set ids (EC2 takes 200 values in a filter).</summary>
        internal static IEnumerable<List<Filter>> FilterBatches(SnapshotQuery query)
        {
            var instanceBatches = query.InstanceIds == null ? new List<List<string>?> { null } : FilterValues.Batches(query.InstanceIds).ConvertAll(b => (List<string>?)b);
            var setIdBatches = query.SetIds == null ? new List<List<string>?> { null } : FilterValues.Batches(query.SetIds).ConvertAll(b => (List<string>?)b);
            foreach (var instances in instanceBatches)
                foreach (var setIds in setIdBatches)
                {
                    var filters = query.IncludeUnmanaged && setIds == null && instances == null && query.Policy == null ? new List<Filter>() : ManagedOnly();
                    if (instances != null) filters.Add(new Filter("tag:" + ManagedTags.SourceInstanceKey, instances));
                    if (query.Policy != null) filters.Add(new Filter("tag:" + ManagedTags.PolicyKey, new List<string> { query.Policy }));
                    if (setIds != null) filters.Add(new Filter("tag:" + ManagedTags.SetIdKey, setIds));
                    yield return filters;
                }
        }

        internal static List<Filter> ManagedOnly() => new List<Filter> { new Filter("tag-key", new List<string> { ManagedTags.SetIdKey }) };

        private static string Describe(List<Filter> filters)
            => filters.Count == 0 ? "all" : string.Join(" ", filters.Select(f => $"{f.Name}={string.Join(",", f.Values.Take(3))}{(f.Values.Count > 3 ? "…" : "")}"));
    }
}
