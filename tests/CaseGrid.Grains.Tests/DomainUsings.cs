// The domain's feature folders, as one vocabulary.
global using CaseGrid.Domain;
global using CaseGrid.Domain.Handovers;
global using CaseGrid.Domain.Indicators;
global using CaseGrid.Domain.Meetings;
global using CaseGrid.Domain.Plan;
global using CaseGrid.Domain.Privacy;
global using CaseGrid.Domain.Time;
global using CaseGrid.Domain.Work;
