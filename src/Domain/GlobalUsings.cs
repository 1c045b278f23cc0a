// The feature folders of the domain see each other: a rule about handovers may ask the time rules, and so on.
global using CaseGrid.Domain.Handovers;
global using CaseGrid.Domain.Indicators;
global using CaseGrid.Domain.Meetings;
global using CaseGrid.Domain.Plan;
global using CaseGrid.Domain.Privacy;
global using CaseGrid.Domain.Time;
global using CaseGrid.Domain.Work;
