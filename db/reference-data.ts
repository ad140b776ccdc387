// The seven regiotafels as set up on 1 April 2020 (plan van aanpak, section 5c), their lead
// providers and insurers, and the routing of provinces. Seeded into every new database,
// production included; afterwards it is data an administrator maintains.
import type { Province } from "../app/domain/vocabulary";

export type TableSeed = {
  number: number;
  slug: string;
  name: string;
  ownArea: string;
  lead: string;
  insurer: string;
  provinces: Province[];
};

export const INSURERS = ["VGZ", "Zilveren Kruis", "Menzis", "CZ"] as const;

export const TABLES: TableSeed[] = [
  { number: 1, slug: "denhaag", name: "Den Haag", ownArea: "Regio Den Haag", lead: "Parnassia Groep", insurer: "VGZ", provinces: ["Zuid-Holland"] },
  { number: 2, slug: "rotterdam", name: "Rotterdam-Rijnmond", ownArea: "Rotterdam-Rijnmond", lead: "Parnassia Groep", insurer: "VGZ", provinces: ["Zeeland"] },
  { number: 3, slug: "amsterdam", name: "Amsterdam", ownArea: "Amsterdam", lead: "Arkin", insurer: "Zilveren Kruis", provinces: ["Noord-Holland"] },
  { number: 4, slug: "centraal", name: "Flevoland en Gooi/Veluwe", ownArea: "Flevoland, Gooi, Veluwe", lead: "GGZ Centraal", insurer: "Zilveren Kruis", provinces: ["Flevoland", "Fryslân", "Groningen", "Drenthe", "Utrecht"] },
  { number: 5, slug: "gelderland", name: "Gelderland", ownArea: "Gelderland", lead: "Pro Persona", insurer: "Menzis", provinces: ["Gelderland", "Overijssel"] },
  { number: 6, slug: "brabant", name: "West/Midden Brabant", ownArea: "Noord-Brabant", lead: "GGZ Breburg", insurer: "CZ", provinces: ["Noord-Brabant"] },
  { number: 7, slug: "limburg", name: "Zuid-Limburg", ownArea: "Limburg", lead: "Mondriaan", insurer: "CZ", provinces: ["Limburg"] },
];

/**
 * Municipality exceptions to the province routing (domain.md): the GGD region Rotterdam-Rijnmond
 * (Zuid-Holland) goes to table 2; Gooi (Noord-Holland) and Noord-Veluwe (Gelderland) are table 4's
 * own area "Gooi/Veluwe". Our reading of the plan's table: an administrator corrects it as data.
 */
export type RoutingException = { label: string; province: Province; tableSlug: string; municipalities: string[] };

export const ROUTING_EXCEPTIONS: RoutingException[] = [
  {
    label: "Rotterdam-Rijnmond",
    province: "Zuid-Holland",
    tableSlug: "rotterdam",
    municipalities: [
      "Rotterdam",
      "Albrandswaard",
      "Barendrecht",
      "Capelle aan den IJssel",
      "Goeree-Overflakkee",
      "Hoeksche Waard",
      "Krimpen aan den IJssel",
      "Lansingerland",
      "Maassluis",
      "Nissewaard",
      "Ridderkerk",
      "Schiedam",
      "Vlaardingen",
      "Voorne aan Zee",
    ],
  },
  { label: "Gooi", province: "Noord-Holland", tableSlug: "centraal", municipalities: ["Blaricum", "Gooise Meren", "Hilversum", "Huizen", "Laren", "Wijdemeren"] },
  { label: "Noord-Veluwe", province: "Gelderland", tableSlug: "centraal", municipalities: ["Elburg", "Ermelo", "Harderwijk", "Nunspeet", "Oldebroek", "Putten"] },
];

/** Zuid-Holland municipalities of the Rotterdam-Rijnmond region: they route to table 2, not 1. */
export const ROTTERDAM_RIJNMOND_MUNICIPALITIES = ROUTING_EXCEPTIONS[0].municipalities;
