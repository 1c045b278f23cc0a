using System.Collections.Immutable;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Groups;
using CaseGrid.Contracts.Handovers;
using CaseGrid.Contracts.Meetings;
using CaseGrid.Contracts.Plan;
using CaseGrid.Contracts.Time;
using CaseGrid.Domain.Tests.Support;
using CaseGrid.Domain;

namespace CaseGrid.Domain.Tests.Properties;

/// <summary>
/// Turns a random seed into a plausible next command for the case as it stands: actors are drawn mostly from
/// those who may act (owners, receivers, unit staff, leaders) and sometimes from anyone; ids, need codes and
/// members are drawn from the state, so a good share of commands succeed and the handover protocol is walked
/// to its end. Everything drawn from the state is taken in ordinal order, so a seed means the same on every run.
/// </summary>
internal static class CommandInterpreter
{
    private static readonly ImmutableArray<string> Codes = [.. NeedAreaCatalogue.Default.Entries.Select(e => e.Code)];
    private static readonly ImmutableArray<string> UnitIds = [Cast.Prison, Cast.Friomsorg, Cast.Municipality, Cast.Nav, Cast.OsloMunicipality];
    private static readonly ImmutableArray<string> Leaders = [Cast.PrisonLeader, Cast.FriomsorgLeader, Cast.MunicipalityLeader, Cast.NavLeader];

    /// <summary>
    /// Days to move the clock forward, then who does what. A step may instead change a unit's staff (<see cref="Staff"/>);
    /// its command is then the unit's notice reaching the case (the clock evaluating it), or null when the notice is lost.
    /// </summary>
    internal readonly record struct Step(int AdvanceDays, string ActorId, CaseCommand? Command, StaffChange? Staff = null);

    /// <summary>A member leaves (or returns to) their unit's staff.</summary>
    internal readonly record struct StaffChange(string UserId, bool Removed);

    /// <summary>Read <paramref name="seed"/> against <paramref name="state"/> as it stands on <paramref name="today"/>.</summary>
    public static Step Next(int seed, CaseState state, DateOnly today, UnitDirectory units)
    {
        var rnd = new Random(seed);
        var advance = rnd.Next(2) == 0 ? 0 : rnd.Next(1, 11);
        var reading = new Reading(rnd, state, today.AddDays(advance), units);
        if (rnd.Next(100) < 4)
        {
            var (change, notified) = reading.StaffChange();
            return new Step(advance, TimeRules.SystemActorId, notified ? new EvaluateTime() : null, change);
        }

        var (actor, command) = reading.Command();
        return new Step(advance, actor, command);
    }

    private sealed class Reading(Random rnd, CaseState s, DateOnly today, UnitDirectory units)
    {
        private readonly ImmutableArray<GroupMember> _active = [.. Sorted(s.Members.Values.Where(m => m.IsActiveOn(today)), m => m.UserId)];
        private readonly ImmutableArray<Handover> _open = [.. Sorted(s.Handovers.Values.Where(h => h.IsOpen), h => h.HandoverId)];
        private readonly ImmutableArray<NeedArea> _needs = [.. Sorted(s.NeedAreas.Values, n => n.Code)];
        private readonly ImmutableArray<string> _blocking = [.. ReleaseGate.Blocking(s, NeedAreaCatalogue.Default, today).Select(b => b.Code)];

        private ImmutableArray<string> Active => [.. _active.Select(m => m.UserId)];

        private ImmutableArray<string> AgencyMembers => [.. _active.Where(m => m.Role != MemberRole.Person).Select(m => m.UserId)];

        private ImmutableArray<string> Accountable => [.. _active.Where(m => m.Role != MemberRole.Person && m.Until is null).Select(m => m.UserId)];

        private ImmutableArray<string> Identified => [.. _needs.Where(n => n.Status != NeedStatus.NotAssessed).Select(n => n.Code)];

        private ImmutableArray<string> Subjects => [Responsibility.Coordinator, .. Identified];

        private string PersonId => s.Members.Values.FirstOrDefault(m => m.Role == MemberRole.Person)?.UserId ?? Cast.Person;

        public (string Actor, CaseCommand Command) Command()
        {
            var offered = _open.Where(h => h.Status == HandoverStatus.Offered).ToImmutableArray();
            var accepted = _open.Where(h => h.Status == HandoverStatus.Accepted).ToImmutableArray();
            var waitingForOverlap = accepted.Where(h => !h.OverlapMet).ToImmutableArray();
            var ready = accepted.Where(h => h.OverlapMet).ToImmutableArray();
            var meeting = s.MeetingInProgress;
            var scheduled = Sorted(s.Meetings.Values.Where(m => m.Status == MeetingStatus.Scheduled), m => m.MeetingId).ToImmutableArray();
            var receiversToMeet = meeting is null ? [] : ReceiversWhoCanMeet(meeting, waitingForOverlap).Where(id => !meeting.Attendees.Any(a => a.UserId == id)).ToImmutableArray();
            (int Weight, Func<(string, CaseCommand)> Make)[] choices =
            [
                (8, AddMember),
                (7, EndMembership),
                (3, SetDeputy),
                (8, IdentifyNeed),
                (4, UpdateNeedArea),
                (3, AddSupportingOwner),
                (2, RemoveSupportingOwner),
                (2, Goal),
                (5, AddMeasure),
                (3, UpdateMeasure),
                (6, ChangeMeasureStatus),
                (3, SubmitProposal),
                (3, AnswerProposal),
                (2, RecordAgreement),
                // While a meeting is open, receivers mostly wait for it to close to meet the group.
                (waitingForOverlap.IsEmpty ? 4 : meeting is null ? 14 : 2, () => RecordEncounter(waitingForOverlap)),
                (10, OfferHandover),
                (offered.IsEmpty ? 1 : 10, () => AcceptHandover(offered)),
                (offered.IsEmpty ? 1 : 3, () => DeclineHandover(offered)),
                (accepted.IsEmpty ? 1 : 12, () => CompleteHandover(accepted)),
                (_open.IsEmpty ? 1 : 2, WithdrawHandover),
                (5, OverrideResponsibility),
                (3, Timeline),
                // A meeting closes only with the next one booked: while one is open with nothing booked, booking comes first.
                (scheduled.IsEmpty ? (meeting is null ? 3 : 14) : 1, ScheduleMeeting),
                (scheduled.IsEmpty ? 1 : s.Measures.Values.Any(m => m.Status is MeasureStatus.AcceptedByOwner or MeasureStatus.Started) ? 6 : 2, () => SendMeetingInvitation(scheduled)),
                (s.Meetings.Values.Any(m => !m.IsFinished) ? 2 : 1, RecordApology),
                (meeting is null ? 1 : 2, () => AddMeetingGuest(meeting)),
                (s.Meetings.Values.Any(m => m.Status == MeetingStatus.Closed && m.MinutesApprovedAt is null) ? 8 : 1, ApproveMinutes),
                (s.Measures.IsEmpty ? 1 : 4, RecordApplicationStep),
                (scheduled.IsEmpty ? 1 : meeting is not null ? 3 : waitingForOverlap.IsEmpty ? 6 : 12, () => OpenMeeting(scheduled)),
                (meeting is null ? 1 : receiversToMeet.IsEmpty ? 8 : 16, () => RecordAttendance(meeting, waitingForOverlap)),
                (meeting is null ? 1 : 2, () => EditMinutes(meeting)),
                (meeting is null ? 1 : 3, () => RecordDecision(meeting)),
                (meeting is null ? 1 : meeting.Attendees.IsEmpty ? 2 : receiversToMeet.IsEmpty ? 12 : 3, () => CloseMeeting(meeting)),
                (1, CancelMeeting),
                (_blocking.Contains(ReleaseGate.ExitConversationCode) ? 3 : 1, RecordMilestone),
                (1, AcknowledgeKeyDates),
                (_blocking.IsEmpty || s.Phase is CasePhase.Released or CasePhase.Aftercare ? 1 : ready.IsEmpty ? 16 : 24, RecordReleaseException),
                (s.FirstDays.IsEmpty ? 1 : 3, UpdateFirstDaysItem),
                (3, EvaluateTime),
                // A release completes what the prison is letting go of: try it more while such a handover is waiting.
                (s.Phase is CasePhase.Intake or CasePhase.Serving or CasePhase.Community ? (_blocking.IsEmpty ? 12 : ready.Any(h => s.Members.GetValueOrDefault(h.FromUserId)?.Agency == Agency.Prison) ? 6 : 2) : 0, Release),
                (s.Measures.Values.Any(m => m.ConditionalOnRelease is not null && m.Status is MeasureStatus.AcceptedByOwner or MeasureStatus.Started) ? 12 : 1, MoveRelease),
            ];

            var roll = rnd.Next(choices.Sum(c => c.Weight));
            foreach (var (weight, make) in choices)
            {
                if (roll < weight)
                {
                    return make();
                }

                roll -= weight;
            }

            throw new InvalidOperationException("The weights do not add up.");
        }

        private (string, CaseCommand) AddMember()
        {
            var user = Pick(UnitDirectory.EveryUser);
            var from = rnd.Next(10) switch
            {
                < 8 => (DateOnly?)null,
                8 => today.AddDays(-rnd.Next(0, 20)),
                _ => today.AddDays(rnd.Next(1, 6)),
            };
            CaseCommand command;
            if (user == Cast.Person)
            {
                command = new AddMember(user, "Lars", MemberRole.Person, Agency.Person, null, from);
            }
            else
            {
                var unit = units.UnitOf(user);
                var agency = unit?.Agency ?? (user == Cast.NgoWorker ? Agency.Ngo : Agency.Other);
                command = new AddMember(user, Cast.Name(user), HandoverRules.RoleFor(agency), agency, unit?.UnitId, from);
            }

            return (Actor(Chance(50) ? s.CoordinatorId : Pick(AgencyMembers)), command);
        }

        private (string, CaseCommand) EndMembership()
        {
            var current = Sorted(s.Members.Values.Where(m => m.Until is null), m => m.UserId).Select(m => m.UserId).ToImmutableArray();
            var supportersAndDeputies = _needs.SelectMany(n => n.SupportingOwnerIds)
                .Concat(s.Members.Values.Select(m => m.DeputyUserId).OfType<string>())
                .Distinct().Order(StringComparer.Ordinal).ToImmutableArray();
            var target = rnd.Next(20) switch
            {
                < 5 when !supportersAndDeputies.IsEmpty => Pick(supportersAndDeputies),
                < 17 when !current.IsEmpty => Pick(current),
                _ => Pick([.. s.Members.Keys.Order(StringComparer.Ordinal)]),
            };
            var until = rnd.Next(10) switch
            {
                < 7 => (DateOnly?)null,
                < 9 => today.AddDays(rnd.Next(0, 11)),
                _ => today.AddDays(-1),
            };
            var actor = rnd.Next(10) switch
            {
                < 5 => s.CoordinatorId,
                < 8 => target,
                _ => AnyActor(),
            };
            return (actor, new EndMembership(target, until));
        }

        private (string, CaseCommand) SetDeputy()
        {
            var user = Pick(AgencyMembers);
            var deputy = Chance(20) ? null : Pick(Active);
            return (Actor(Chance(55) ? user : s.CoordinatorId), new SetDeputy(user, deputy));
        }

        private (string, CaseCommand) IdentifyNeed()
        {
            var notAssessed = _needs.Where(n => n.Status == NeedStatus.NotAssessed).Select(n => n.Code).ToImmutableArray();
            var code = Chance(85) && !notAssessed.IsEmpty ? Pick(notAssessed) : Pick(Codes);
            var owner = Chance(85) ? Pick(AgencyMembers) : Pick(UnitDirectory.EveryUser);
            return (Actor(Pick(AgencyMembers)), new IdentifyNeed(code, owner, Chance(50) ? "In my words" : null, Chance(50) ? "Assessed" : null));
        }

        private (string, CaseCommand) UpdateNeedArea()
        {
            var code = Identified.IsEmpty ? Pick(Codes) : Pick(Identified);
            var need = s.NeedAreas[code];
            var status = rnd.Next(20) switch
            {
                0 => NeedStatus.NotAssessed,
                < 6 => NeedStatus.NeedIdentified,
                < 11 => NeedStatus.InProgress,
                < 16 => NeedStatus.Met,
                < 18 => NeedStatus.UnavailableCapacity,
                _ => NeedStatus.DeclinedByPerson,
            };
            var version = Chance(85) ? need.Version : need.Version - 1;
            var editor = rnd.Next(3) switch
            {
                0 => need.AccountableOwnerId ?? s.CoordinatorId,
                1 => s.CoordinatorId,
                _ => need.SupportingOwnerIds.IsEmpty ? PersonId : Pick(need.SupportingOwnerIds),
            };
            return (Actor(editor), new UpdateNeedArea(code, version, Pick<string?>(["Words", null, need.OwnWords]), Pick<string?>(["Assessment", null, need.Assessment]), status));
        }

        private (string, CaseCommand) AddSupportingOwner()
        {
            var code = Identified.IsEmpty ? Pick(Codes) : Pick(Identified);
            var user = Pick(Active);
            return (Actor(Chance(50) ? user : s.OwnerOf(code) ?? s.CoordinatorId), new AddSupportingOwner(code, user));
        }

        private (string, CaseCommand) RemoveSupportingOwner()
        {
            var supported = _needs.Where(n => !n.SupportingOwnerIds.IsEmpty).ToImmutableArray();
            if (supported.IsEmpty)
            {
                return (AnyActor(), new RemoveSupportingOwner(Pick(Codes), Pick(UnitDirectory.EveryUser)));
            }

            var need = Pick(supported);
            var user = Pick([.. need.SupportingOwnerIds.Order(StringComparer.Ordinal)]);
            return (Actor(Chance(50) ? user : need.AccountableOwnerId ?? s.CoordinatorId), new RemoveSupportingOwner(need.Code, user));
        }

        private (string, CaseCommand) Goal()
        {
            var goals = Sorted(s.Goals.Values, g => g.GoalId).ToImmutableArray();
            if (goals.IsEmpty || Chance(50))
            {
                return (AnyActor(), new AddGoal(Pick(Codes), "A goal"));
            }

            var goal = Pick(goals);
            return (AnyActor(), new UpdateGoal(goal.GoalId, Chance(90) ? goal.Version : goal.Version - 1, "A goal, edited", Chance(50)));
        }

        private (string, CaseCommand) AddMeasure()
        {
            ImmutableArray<string> codes = rnd.Next(20) switch
            {
                0 => [],
                < 14 => [Pick(Identified.IsEmpty ? Codes : Identified)],
                _ => [.. Codes.OrderBy(_ => rnd.Next()).Take(2)],
            };
            var owner = Chance(85) ? Pick(Active) : Pick(UnitDirectory.EveryUser);
            // Some are conditional commitments, mostly on the release date expected now.
            var release = s.Dates.ExpectedRelease ?? s.Dates.EarliestRelease;
            var conditional = rnd.Next(10) switch
            {
                < 3 => release,
                3 => today.AddDays(rnd.Next(0, 90)),
                _ => (DateOnly?)null,
            };
            return (AnyActor(), new AddMeasure(codes, "A measure", Chance(50) ? "Because" : null, owner, Chance(50) ? today.AddDays(rnd.Next(0, 30)) : null, null, conditional));
        }

        private (string, CaseCommand) UpdateMeasure()
        {
            var measure = PickMeasure(openOnly: true);
            if (measure is null)
            {
                return AddMeasure();
            }

            var owner = Chance(85) ? Pick(Active) : Pick(UnitDirectory.EveryUser);
            var version = Chance(90) ? measure.Version : measure.Version - 1;
            return (Actor(Chance(60) ? measure.OwnerId : s.CoordinatorId), new UpdateMeasure(measure.MeasureId, version, measure.NeedCodes, "A measure, edited", measure.Why, owner, measure.Due, null));
        }

        private (string, CaseCommand) ChangeMeasureStatus()
        {
            var measure = PickMeasure(openOnly: Chance(90));
            if (measure is null)
            {
                return AddMeasure();
            }

            var target = rnd.Next(20) switch
            {
                < 3 => MeasureStatus.Cancelled,
                < 5 => Pick<MeasureStatus>([.. Enum.GetValues<MeasureStatus>()]),
                _ => measure.Status switch
                {
                    MeasureStatus.Proposed => MeasureStatus.ChosenByPerson,
                    MeasureStatus.ChosenByPerson => MeasureStatus.AcceptedByOwner,
                    MeasureStatus.AcceptedByOwner => MeasureStatus.Started,
                    MeasureStatus.Started => MeasureStatus.Delivered,
                    _ => MeasureStatus.Cancelled,
                },
            };
            var ownerDeputy = s.Members.GetValueOrDefault(measure.OwnerId)?.DeputyUserId;
            var actor = target == MeasureStatus.ChosenByPerson
                ? rnd.Next(10) switch { < 6 => PersonId, < 9 => s.CoordinatorId, _ => AnyActor() }
                : rnd.Next(10) switch { < 7 => measure.OwnerId, < 8 => ownerDeputy ?? s.CoordinatorId, < 9 => s.CoordinatorId, _ => AnyActor() };
            var note = target is MeasureStatus.Delivered or MeasureStatus.Cancelled && Chance(85) ? "Documented" : null;
            var version = Chance(92) ? measure.Version : measure.Version - 1;
            return (actor, new ChangeMeasureStatus(measure.MeasureId, version, target, note));
        }

        private (string, CaseCommand) SubmitProposal() =>
            (Actor(Chance(50) ? PersonId : Pick(Active)), new SubmitProposal(Chance(75) ? Pick(Codes) : null, "A proposal"));

        private (string, CaseCommand) AnswerProposal()
        {
            var proposals = Sorted(s.Proposals.Values, p => p.ProposalId).ToImmutableArray();
            if (proposals.IsEmpty)
            {
                return SubmitProposal();
            }

            var open = proposals.Where(p => p.Status == ProposalStatus.Open).ToImmutableArray();
            var proposal = Chance(85) && !open.IsEmpty ? Pick(open) : Pick(proposals);
            var needOwner = proposal.NeedCode is null ? null : s.NeedAreas[proposal.NeedCode].AccountableOwnerId;
            var actor = rnd.Next(10) switch { < 4 => needOwner ?? s.CoordinatorId, < 9 => s.CoordinatorId, _ => AnyActor() };
            var owner = Chance(50) ? null : Chance(85) ? Pick(Active) : Pick(UnitDirectory.EveryUser);
            return (actor, new AnswerProposal(proposal.ProposalId, Chance(60), Chance(95) ? "An answer" : "", owner, Chance(50) ? today.AddDays(7) : null));
        }

        private (string, CaseCommand) RecordAgreement() =>
            (Actor(Chance(60) ? PersonId : s.CoordinatorId), new RecordAgreement(rnd.Next(0, (int)s.Version + 2), Pick([.. Enum.GetValues<AgreementAnswer>()]), null));

        private (string, CaseCommand) RecordEncounter(ImmutableArray<Handover> waitingForOverlap)
        {
            var opened = CommandContext.NorwegianDate(s.OpenedAt);
            var date = Chance(50) ? today : today.AddDays(-rnd.Next(1, 5));
            if (date < opened && Chance(90))
            {
                date = opened;
            }

            var present = Sorted(s.Members.Values.Where(m => m.IsActiveOn(date)), m => m.UserId).Select(m => m.UserId).ToImmutableArray();
            if (present.IsEmpty)
            {
                present = [s.CoordinatorId];
            }

            var receivers = waitingForOverlap.Select(h => h.AcceptedById!).Where(present.Contains).Distinct().Order(StringComparer.Ordinal).ToImmutableArray();
            var kind = Chance(50) ? EncounterKind.GroupMeeting : EncounterKind.ContactWithPerson;
            var attendees = new List<string>();
            if (kind == EncounterKind.ContactWithPerson)
            {
                attendees.Add(!receivers.IsEmpty && Chance(70) ? Pick(receivers) : Pick(present));
            }
            else
            {
                attendees.AddRange(receivers.Where(_ => Chance(70)));
                attendees.AddRange(present.Where(id => !attendees.Contains(id) && Chance(30)));
                if (attendees.Count == 0)
                {
                    attendees.Add(Pick(present));
                }
            }

            if (Chance(5))
            {
                attendees.Add(Pick(UnitDirectory.EveryUser));
            }

            var list = attendees.Distinct().Select(id => new Attendee(id, Chance(50) ? Attendance.Physical : Attendance.Digital)).ToImmutableArray();
            return (Actor(Pick(AgencyMembers)), new RecordEncounter(kind, date, list, Chance(50) ? "Talked about release" : null));
        }

        private (string, CaseCommand) OfferHandover()
        {
            var subject = Pick(Subjects);
            var toUnit = Chance(95) ? Pick(UnitIds) : Cast.UnknownUnit;
            var toUser = rnd.Next(10) switch
            {
                < 5 => null,
                < 9 => units.StaffOf(toUnit).IsEmpty ? null : Pick(units.StaffOf(toUnit)),
                _ => Pick(UnitDirectory.EveryUser),
            };
            var planned = rnd.Next(10) switch
            {
                0 => today.AddDays(-1),
                < 6 => today.AddDays(rnd.Next(0, 9)),
                _ => today.AddDays(rnd.Next(10, 40)),
            };
            return (Actor(s.OwnerOf(subject) ?? s.CoordinatorId, 85), new OfferHandover(subject, toUnit, toUser, planned, Chance(50) ? "What you need to know" : null));
        }

        private (string, CaseCommand) AcceptHandover(ImmutableArray<Handover> offered)
        {
            var h = PickHandover(offered);
            return h is null ? OfferHandover() : (Receiver(h), new AcceptHandover(h.HandoverId));
        }

        private (string, CaseCommand) DeclineHandover(ImmutableArray<Handover> offered)
        {
            var h = PickHandover(offered);
            return h is null ? OfferHandover() : (Receiver(h), new DeclineHandover(h.HandoverId, Chance(85) ? "Not ours" : " "));
        }

        private (string, CaseCommand) CompleteHandover(ImmutableArray<Handover> accepted)
        {
            var ready = accepted.Where(h => h.OverlapMet).ToImmutableArray();
            var h = Chance(70) && !ready.IsEmpty ? Pick(ready) : PickHandover(accepted);
            if (h is null)
            {
                return OfferHandover();
            }

            var actor = rnd.Next(20) switch { < 9 => h.FromUserId, < 18 => h.AcceptedById ?? h.FromUserId, _ => AnyActor() };
            return (actor, new CompleteHandover(h.HandoverId));
        }

        private (string, CaseCommand) WithdrawHandover()
        {
            var h = PickHandover(_open);
            return h is null ? OfferHandover() : (Actor(h.FromUserId, 85), new WithdrawHandover(h.HandoverId, Chance(85) ? "Plans changed" : ""));
        }

        private (string, CaseCommand) OverrideResponsibility()
        {
            var subject = Chance(95) ? Pick(Subjects) : Pick(Codes);
            var toUser = Chance(80) && !Accountable.IsEmpty ? Pick(Accountable) : Pick(UnitDirectory.EveryUser);
            var fromUnit = s.Members.GetValueOrDefault(s.OwnerOf(subject) ?? "")?.UnitId;
            var toUnit = s.Members.GetValueOrDefault(toUser)?.UnitId;
            var actor = rnd.Next(10) switch
            {
                < 4 when fromUnit is not null && !units.LeadersOf(fromUnit).IsEmpty => Pick(units.LeadersOf(fromUnit)),
                < 7 when toUnit is not null && !units.LeadersOf(toUnit).IsEmpty => Pick(units.LeadersOf(toUnit)),
                < 9 => Pick(Leaders),
                _ => AnyActor(),
            };
            return (actor, new OverrideResponsibility(subject, toUser, Chance(90) ? "Owner on sick leave" : ""));
        }

        private (string, CaseCommand) Timeline()
        {
            var actor = Actor(s.CoordinatorId, 70);
            switch (rnd.Next(10))
            {
                case < 4:
                    var start = today.AddDays(-rnd.Next(0, 60));
                    var release = start.AddDays(rnd.Next(-5, 120));
                    var dates = Chance(50)
                        ? new KeyDates(start, release, release, release.AddDays(rnd.Next(0, 60)))
                        : new KeyDates(Chance(50) ? start : null, null, Chance(50) ? release : null);
                    var version = rnd.Next(5) switch { 0 => (long?)null, 1 => s.DatesVersion - 1, _ => s.DatesVersion };
                    return (actor, new SetKeyDates(dates, version));
                case < 8:
                    var phases = Enum.GetValues<CasePhase>().Where(p => p != CasePhase.Closed || Chance(3)).ToImmutableArray();
                    return (actor, new ChangePhase(Pick(phases)));
                case 8:
                    return (actor, new MoveCase(Pick(UnitIds)));
                default:
                    var disputed = Chance(50);
                    return (actor, new SetHomeMunicipality(new HomeMunicipality(Cast.Municipality, disputed ? Cast.OsloMunicipality : null, disputed)));
            }
        }

        /// <summary>Booked only, or with its invitation at once; called by an agency member or the person, who may chair.</summary>
        private (string, CaseCommand) ScheduleMeeting()
        {
            var day = today.AddDays(rnd.Next(-1, 15));
            var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
            var actor = Chance(85) ? Actor(Pick(AgencyMembers)) : PersonId;
            var chair = rnd.Next(10) switch { < 6 => null, < 8 => PersonId, _ => Pick(Active) };
            if (Chance(60))
            {
                return (actor, new ScheduleMeeting(at, Chance(95) ? "Ansvarsgruppemøte" : "", ChairId: chair));
            }

            return (actor, new ScheduleMeeting(at, "Ansvarsgruppemøte", Invitees(), Chance(60) ? "Møterom 2" : null, Chance(50) ? "https://video.example/rom" : null, chair));
        }

        /// <summary>Everyone (empty), or some of the members — sometimes leaving out someone delivering a measure, or naming a stranger.</summary>
        private ImmutableArray<string> Invitees()
        {
            var current = _active.Where(m => m.Until is null).Select(m => m.UserId).ToImmutableArray();
            var deliverers = s.Measures.Values.Where(m => m.Status is MeasureStatus.AcceptedByOwner or MeasureStatus.Started).Select(m => m.OwnerId).Distinct().Order(StringComparer.Ordinal).ToImmutableArray();
            return rnd.Next(10) switch
            {
                < 4 => [],
                < 6 when !deliverers.IsEmpty && Pick(deliverers) is var left => [.. current.Where(id => id != left)],
                < 9 => [.. current.Where(_ => Chance(70))],
                _ => [.. current.Where(_ => Chance(70)), Pick(UnitDirectory.EveryUser)],
            };
        }

        private (string, CaseCommand) SendMeetingInvitation(ImmutableArray<Meeting> scheduled)
        {
            var id = Chance(90) && !scheduled.IsEmpty ? Pick(scheduled).MeetingId : AnyMeetingId();
            var place = rnd.Next(10) switch { < 5 => "Bergen fengsel, besøksrommet", < 9 => null, _ => " " };
            return (Chance(85) ? Actor(Pick(AgencyMembers)) : PersonId,
                new SendMeetingInvitation(id, Invitees(), place, Chance(50) || place is null ? "https://video.example/rom" : null, Chance(20) ? PersonId : null));
        }

        private (string, CaseCommand) RecordApology()
        {
            var waiting = Sorted(s.Meetings.Values.Where(m => !m.IsFinished), m => m.MeetingId).ToImmutableArray();
            var id = Chance(90) && !waiting.IsEmpty ? Pick(waiting).MeetingId : AnyMeetingId();
            var who = Chance(90) ? Pick(Active) : Pick(UnitDirectory.EveryUser);
            return (Chance(60) ? who : Actor(Pick(AgencyMembers)), new RecordApology(id, who));
        }

        private (string, CaseCommand) AddMeetingGuest(Meeting? meeting) =>
            (Actor(Pick(AgencyMembers)), new AddMeetingGuest(meeting?.MeetingId ?? AnyMeetingId(), Chance(90) ? "Tolk Amina" : "", Pick([.. Enum.GetValues<GuestRole>()])));

        private (string, CaseCommand) ApproveMinutes()
        {
            var closed = Sorted(s.Meetings.Values.Where(m => m.Status == MeetingStatus.Closed && (m.MinutesApprovedAt is null || Chance(10))), m => m.MeetingId).ToImmutableArray();
            var meeting = Chance(90) && !closed.IsEmpty ? Pick(closed) : null;
            var actor = rnd.Next(10) switch { < 5 => meeting?.ChairId ?? s.CoordinatorId, < 8 => s.CoordinatorId, _ => AnyActor() };
            if (meeting is not null && string.IsNullOrEmpty(meeting.Minutes) && Chance(85))
            {
                return (actor, new EditMinutes(meeting.MeetingId, meeting.MinutesVersion, "Referat etter møtet"));
            }

            return (actor, new ApproveMinutes(meeting?.MeetingId ?? AnyMeetingId()));
        }

        /// <summary>The next step of an application, mostly in order, sometimes out of it.</summary>
        private (string, CaseCommand) RecordApplicationStep()
        {
            var measure = PickMeasure(openOnly: Chance(90));
            if (measure is null)
            {
                return AddMeasure();
            }

            var next = measure.Application?.Step switch
            {
                null => Chance(30) ? ApplicationStep.Planned : ApplicationStep.Applied,
                ApplicationStep.Planned => ApplicationStep.Applied,
                ApplicationStep.Applied => Chance(50) ? ApplicationStep.Granted : ApplicationStep.Refused,
                ApplicationStep.Refused => ApplicationStep.Appealed,
                ApplicationStep.Appealed => Chance(50) ? ApplicationStep.AppealGranted : ApplicationStep.AppealRefused,
                _ => Pick([.. Enum.GetValues<ApplicationStep>()]),
            };
            if (Chance(10))
            {
                next = Pick([.. Enum.GetValues<ApplicationStep>()]);
            }

            var date = next == ApplicationStep.Planned ? (DateOnly?)null : rnd.Next(10) switch { < 8 => today, 8 => today.AddDays(1), _ => null };
            var kind = measure.Application is null || Chance(10) ? Pick([.. Enum.GetValues<ApplicationKind>()]) : (ApplicationKind?)null;
            var actor = rnd.Next(10) switch { < 7 => measure.OwnerId, < 9 => s.CoordinatorId, _ => AnyActor() };
            return (actor, new RecordApplicationStep(measure.MeasureId, next, date, kind, Chance(50) ? "Bergen kommune, boligkontoret" : null, null));
        }

        /// <summary>A staff member leaves their unit — mostly an accountable owner — or one who left comes back.</summary>
        public (StaffChange Change, bool Notified) StaffChange()
        {
            var removed = units.Removed.Keys.Order(StringComparer.Ordinal).ToImmutableArray();
            var owners = TimeRules.AccountableOwners(s).Select(o => o.UserId).Where(id => units.UnitOf(id) is not null).ToImmutableArray();
            var staff = UnitDirectory.EveryUser.Where(id => units.UnitOf(id) is not null).ToImmutableArray();
            var change = rnd.Next(10) switch
            {
                < 3 when !removed.IsEmpty => new StaffChange(Pick(removed), Removed: false),
                < 8 when !owners.IsEmpty => new StaffChange(Pick(owners), Removed: true),
                _ => new StaffChange(Pick(staff), Removed: true),
            };
            return (change, Chance(60));
        }

        private (string, CaseCommand) OpenMeeting(ImmutableArray<Meeting> scheduled)
        {
            var id = Chance(90) && !scheduled.IsEmpty ? Pick(scheduled).MeetingId : AnyMeetingId();
            return (Chance(90) ? Actor(Pick(AgencyMembers)) : PersonId, new OpenMeeting(id));
        }

        /// <summary>Mostly a receiver still waiting for the overlap, so closing the meeting can establish it.</summary>
        private (string, CaseCommand) RecordAttendance(Meeting? meeting, ImmutableArray<Handover> waitingForOverlap)
        {
            var receivers = meeting is null ? [] : ReceiversWhoCanMeet(meeting, waitingForOverlap);
            var who = rnd.Next(20) switch
            {
                < 12 when !receivers.IsEmpty => Pick(receivers),
                < 19 => Pick(Active),
                _ => Pick(UnitDirectory.EveryUser),
            };
            var actor = rnd.Next(10) switch { < 5 => who, < 9 => Pick(AgencyMembers), _ => AnyActor() };
            var mode = Chance(50) ? Attendance.Physical : Attendance.Digital;
            return (actor, new RecordAttendance(meeting?.MeetingId ?? AnyMeetingId(), who, mode));
        }

        /// <summary>A meeting counts for the day it opened, so only a receiver who had accepted by then gets the overlap from it.</summary>
        private ImmutableArray<string> ReceiversWhoCanMeet(Meeting meeting, ImmutableArray<Handover> waitingForOverlap)
        {
            var opened = CommandContext.NorwegianDate(meeting.OpenedAt!.Value);
            return [.. waitingForOverlap.Where(h => CommandContext.NorwegianDate(h.AcceptedAt!.Value) <= opened)
                .Select(h => h.AcceptedById!).Where(Active.Contains).Distinct().Order(StringComparer.Ordinal)];
        }

        private (string, CaseCommand) EditMinutes(Meeting? meeting)
        {
            var version = meeting is null ? 0 : Chance(85) ? meeting.MinutesVersion : meeting.MinutesVersion - 1;
            var text = Chance(10) ? meeting?.Minutes : $"Referat {rnd.Next(1000)}";
            return (AnyActor(), new EditMinutes(meeting?.MeetingId ?? AnyMeetingId(), version, text));
        }

        private (string, CaseCommand) RecordDecision(Meeting? meeting)
        {
            var owner = Chance(85) ? Pick(Active) : Pick(UnitDirectory.EveryUser);
            var due = rnd.Next(20) switch
            {
                0 => (DateOnly?)null,
                1 => today.AddDays(-1),
                _ => today.AddDays(rnd.Next(0, 30)),
            };
            var need = Pick(Identified.IsEmpty ? Codes : Identified);
            return (Actor(Pick(Active)), new RecordDecision(meeting?.MeetingId ?? AnyMeetingId(), "Et vedtak", [need], owner, due));
        }

        private (string, CaseCommand) CloseMeeting(Meeting? meeting) =>
            (Chance(90) ? Actor(meeting?.ChairId ?? Pick(AgencyMembers)) : PersonId,
                new CloseMeeting(meeting?.MeetingId ?? AnyMeetingId(), s.Phase is CasePhase.Released or CasePhase.Aftercare && Chance(50) ? "Gruppen avsluttes" : null));

        private (string, CaseCommand) CancelMeeting()
        {
            var waiting = Sorted(s.Meetings.Values.Where(m => !m.IsFinished), m => m.MeetingId).ToImmutableArray();
            var id = Chance(85) && !waiting.IsEmpty ? Pick(waiting).MeetingId : AnyMeetingId();
            return (Actor(Pick(AgencyMembers)), new CancelMeeting(id, Chance(90) ? "Avlyst" : ""));
        }

        /// <summary>
        /// Let the person out, in any form — on parole, under electronic monitoring, serving in the community, released in
        /// full — or end supervision: refused by the release gate until everything it asks is in place or excepted.
        /// </summary>
        private (string, CaseCommand) Release()
        {
            var actor = Actor(s.CoordinatorId, 85);
            if (s.Phase == CasePhase.Community || Chance(40))
            {
                return (actor, new ChangePhase(CasePhase.Released, Chance(70) ? null : Pick<ReleaseForm?>([ReleaseForm.FullTime, ReleaseForm.Parole, ReleaseForm.ElectronicMonitoring])));
            }

            return (actor, new ChangePhase(CasePhase.Community, Pick<ReleaseForm?>([null, ReleaseForm.Parole, ReleaseForm.ElectronicMonitoring, ReleaseForm.CommunityServing])));
        }

        /// <summary>The release dates move, earlier or later, the rest staying: what recomputes deadlines and re-opens commitments.</summary>
        private (string, CaseCommand) MoveRelease()
        {
            var actor = Actor(s.CoordinatorId, 80);
            var moved = (s.Dates.ExpectedRelease ?? today.AddDays(60)).AddDays(rnd.Next(-30, 31));
            var start = s.Dates.SentenceStart is { } known && known > moved ? moved : s.Dates.SentenceStart;
            var shifted = s.Dates with
            {
                SentenceStart = start,
                EarliestRelease = moved,
                ExpectedRelease = moved,
                EndOfSentence = s.Dates.EndOfSentence is { } end && end < moved ? moved : s.Dates.EndOfSentence,
                EndOfSupervision = s.Dates.EndOfSupervision is { } supervision && supervision < moved ? moved : s.Dates.EndOfSupervision,
            };
            return (actor, new SetKeyDates(Chance(85) ? shifted : s.Dates with { ExpectedRelease = null }, Chance(85) ? s.DatesVersion : null));
        }

        private (string, CaseCommand) RecordMilestone()
        {
            var kind = _blocking.Contains(ReleaseGate.ExitConversationCode) && Chance(50) ? MilestoneKind.ExitConversation : Pick([.. Enum.GetValues<MilestoneKind>()]);
            var date = rnd.Next(10) switch
            {
                < 6 => today,
                < 9 => today.AddDays(-rnd.Next(1, 20)),
                _ => today.AddDays(1),
            };
            return (Actor(Pick(AgencyMembers)), new RecordMilestone(kind, date, Chance(30) ? "Notat" : null));
        }

        private (string, CaseCommand) AcknowledgeKeyDates()
        {
            var pending = s.PendingDateAcknowledgements;
            var incomingStaff = s.IncomingUnitIds.Order(StringComparer.Ordinal).SelectMany(u => units.StaffOf(u)).ToImmutableArray();
            var actor = rnd.Next(10) switch
            {
                < 5 when !pending.IsEmpty => Pick(pending),
                < 7 when !incomingStaff.IsEmpty => Pick(incomingStaff),
                _ => AnyActor(),
            };
            return (actor, new AcknowledgeKeyDates(Chance(85) ? s.DatesVersion : s.DatesVersion - 1));
        }

        private (string, CaseCommand) RecordReleaseException()
        {
            var code = Chance(80) && !_blocking.IsEmpty ? Pick(_blocking) : Pick(["housing", "income-debt", "physical-health", "mental-health", "substance-use", "work"]);
            var leaders = units.LeadersOf(s.CurrentUnitId);
            var actor = rnd.Next(10) switch
            {
                < 5 => s.CoordinatorId,
                < 7 when !leaders.IsEmpty => Pick(leaders),
                < 8 => Pick(Leaders),
                _ => AnyActor(),
            };
            return (actor, new RecordReleaseException(code, Chance(90) ? "Avklart med leder" : ""));
        }

        private (string, CaseCommand) UpdateFirstDaysItem()
        {
            var item = s.FirstDays.IsEmpty || Chance(10) ? "sleep" : Pick([.. s.FirstDays.Select(i => i.ItemId)]);
            return (Actor(Pick(Active)), new UpdateFirstDaysItem(item, Chance(70), Chance(50) ? "Ok" : null));
        }

        /// <summary>Mostly the system clock; sometimes someone else, who must be refused.</summary>
        private (string, CaseCommand) EvaluateTime() =>
            (Chance(90) ? TimeRules.SystemActorId : AnyActor(), new EvaluateTime());

        private string AnyMeetingId()
        {
            var all = s.Meetings.Keys.Order(StringComparer.Ordinal).ToImmutableArray();
            return all.IsEmpty || Chance(10) ? "meeting-none" : Pick(all);
        }

        /// <summary>Who answers a handover: mostly the named receiver or staff of the receiving unit.</summary>
        private string Receiver(Handover h)
        {
            if (Chance(20))
            {
                return AnyActor();
            }

            var staff = units.StaffOf(h.ToUnitId);
            return h.ToUserId ?? (staff.IsEmpty ? AnyActor() : Pick(staff));
        }

        private Handover? PickHandover(ImmutableArray<Handover> preferred)
        {
            if (!preferred.IsEmpty && Chance(90))
            {
                return Pick(preferred);
            }

            var all = Sorted(s.Handovers.Values, h => h.HandoverId).ToImmutableArray();
            return all.IsEmpty ? null : Pick(all);
        }

        private Measure? PickMeasure(bool openOnly)
        {
            var measures = Sorted(s.Measures.Values.Where(m => !openOnly || m.IsOpen), m => m.MeasureId).ToImmutableArray();
            return measures.IsEmpty ? null : Pick(measures);
        }

        /// <summary>Mostly <paramref name="preferred"/>; otherwise a member, anyone, or a stranger.</summary>
        private string Actor(string preferred, int percent = 80) => Chance(percent) ? preferred : AnyActor();

        private string AnyActor() => rnd.Next(10) switch
        {
            < 6 when !_active.IsEmpty => Pick(Active),
            < 9 => Pick(UnitDirectory.EveryUser),
            _ => Cast.Stranger,
        };

        private bool Chance(int percent) => rnd.Next(100) < percent;

        private T Pick<T>(ImmutableArray<T> items) => items[rnd.Next(items.Length)];

        private static IOrderedEnumerable<T> Sorted<T>(IEnumerable<T> items, Func<T, string> key) => items.OrderBy(key, StringComparer.Ordinal);
    }
}
