using System;
using System.Collections.Generic;
using CloudDesignPatterns.Model.Dns;
using CloudDesignPatterns.Model.GameDay;

namespace CloudDesignPatterns.Commands.GameDay
{
    /// <summary>
    /// What a client's resolver holds for a name: the answer it last fetched, kept for the record's TTL. The drill
    /// fills it just before the fault (the worst case), so DNS failover's outage includes the TTL, as it does for users.
    /// </summary>
    internal sealed class ResolverCache
    {
        private readonly List<GameDayEvent> events;
        private DateTime fetched;
        private TimeSpan ttl;

        public ResolverCache(List<GameDayEvent> events) { this.events = events; }

        public string Value { get; private set; } = "";
        public string Side { get; private set; } = "";
        private bool Empty => Side.Length == 0;

        public void Clear() { Value = ""; Side = ""; }

        public void Refresh(DnsFailoverStatus status, DateTime now)
        {
            Value = status.AnswerValue;
            Side = status.Answering;
            fetched = now;
            ttl = TimeSpan.FromSeconds(status.Ttl ?? 60);
        }

        /// <summary>The cached answer, fetched again (and the wait recorded) when its TTL has run out.</summary>
        public ResolverCache Answer(DateTime now, Func<DnsFailoverStatus> fetch)
        {
            if (Empty) Refresh(fetch(), now);
            else if (now >= fetched + ttl)
            {
                events.Add(new GameDayEvent { Kind = GameDayEventKind.Modelled, TimeUtc = fetched, Duration = ttl,
                    Description = $"resolver cache: {Value} held for the TTL of {ttl.TotalSeconds:0} s" });
                Refresh(fetch(), now);
            }
            return this;
        }

        public TimeSpan ExpiresIn(DateTime now) => fetched + ttl - now;
    }
}
