// The CBS municipal classification (gemeentelijke indeling) in force on 1 January 2026: every
// municipality with its CBS code and province. Source: CBS "Gemeentelijke indeling op 1 januari
// 2026" / StatLine "Gebieden in Nederland 2026". 342 municipalities; the last mergers were on
// 1 January 2023 (Voorne aan Zee from Brielle, Hellevoetsluis and Westvoorne), so 2024, 2025 and
// 2026 have the same list. A new list arrives by a migration each year (see README).
import type { Province } from "../app/domain/vocabulary";

export type MunicipalitySeed = { code: string; name: string; province: Province };

const list = (province: Province, rows: [string, string][]): MunicipalitySeed[] => rows.map(([code, name]) => ({ code: `GM${code}`, name, province }));

export const MUNICIPALITIES_2026: MunicipalitySeed[] = [
  ...list("Groningen", [
    ["0014", "Groningen"], ["0037", "Stadskanaal"], ["0047", "Veendam"], ["0765", "Pekela"], ["1895", "Oldambt"],
    ["1950", "Westerwolde"], ["1952", "Midden-Groningen"], ["1966", "Het Hogeland"], ["1969", "Westerkwartier"], ["1979", "Eemsdelta"],
  ]),
  ...list("Fryslân", [
    ["0059", "Achtkarspelen"], ["0060", "Ameland"], ["0072", "Harlingen"], ["0074", "Heerenveen"], ["0080", "Leeuwarden"],
    ["0085", "Ooststellingwerf"], ["0086", "Opsterland"], ["0088", "Schiermonnikoog"], ["0090", "Smallingerland"], ["0093", "Terschelling"],
    ["0096", "Vlieland"], ["0098", "Weststellingwerf"], ["0737", "Tytsjerksteradiel"], ["1891", "Dantumadiel"], ["1900", "Súdwest-Fryslân"],
    ["1940", "De Fryske Marren"], ["1949", "Waadhoeke"], ["1970", "Noardeast-Fryslân"],
  ]),
  ...list("Drenthe", [
    ["0106", "Assen"], ["0109", "Coevorden"], ["0114", "Emmen"], ["0118", "Hoogeveen"], ["0119", "Meppel"], ["1680", "Aa en Hunze"],
    ["1681", "Borger-Odoorn"], ["1690", "De Wolden"], ["1699", "Noordenveld"], ["1701", "Westerveld"], ["1730", "Tynaarlo"], ["1731", "Midden-Drenthe"],
  ]),
  ...list("Overijssel", [
    ["0141", "Almelo"], ["0147", "Borne"], ["0148", "Dalfsen"], ["0150", "Deventer"], ["0153", "Enschede"], ["0158", "Haaksbergen"],
    ["0160", "Hardenberg"], ["0163", "Hellendoorn"], ["0164", "Hengelo"], ["0166", "Kampen"], ["0168", "Losser"], ["0173", "Oldenzaal"],
    ["0175", "Ommen"], ["0177", "Raalte"], ["0180", "Staphorst"], ["0183", "Tubbergen"], ["0189", "Wierden"], ["0193", "Zwolle"],
    ["1700", "Twenterand"], ["1708", "Steenwijkerland"], ["1735", "Hof van Twente"], ["1742", "Rijssen-Holten"], ["1773", "Olst-Wijhe"],
    ["1774", "Dinkelland"], ["1896", "Zwartewaterland"],
  ]),
  ...list("Flevoland", [["0034", "Almere"], ["0050", "Zeewolde"], ["0171", "Noordoostpolder"], ["0184", "Urk"], ["0303", "Dronten"], ["0995", "Lelystad"]]),
  ...list("Gelderland", [
    ["0197", "Aalten"], ["0200", "Apeldoorn"], ["0202", "Arnhem"], ["0203", "Barneveld"], ["0209", "Beuningen"], ["0213", "Brummen"],
    ["0214", "Buren"], ["0216", "Culemborg"], ["0221", "Doesburg"], ["0222", "Doetinchem"], ["0225", "Druten"], ["0226", "Duiven"],
    ["0228", "Ede"], ["0230", "Elburg"], ["0232", "Epe"], ["0233", "Ermelo"], ["0243", "Harderwijk"], ["0244", "Hattem"],
    ["0246", "Heerde"], ["0252", "Heumen"], ["0262", "Lochem"], ["0263", "Maasdriel"], ["0267", "Nijkerk"], ["0268", "Nijmegen"],
    ["0269", "Oldebroek"], ["0273", "Putten"], ["0274", "Renkum"], ["0275", "Rheden"], ["0277", "Rozendaal"], ["0279", "Scherpenzeel"],
    ["0281", "Tiel"], ["0285", "Voorst"], ["0289", "Wageningen"], ["0293", "Westervoort"], ["0294", "Winterswijk"], ["0296", "Wijchen"],
    ["0297", "Zaltbommel"], ["0299", "Zevenaar"], ["0301", "Zutphen"], ["0302", "Nunspeet"], ["0668", "West Maas en Waal"],
    ["1509", "Oude IJsselstreek"], ["1586", "Oost Gelre"], ["1705", "Lingewaard"], ["1734", "Overbetuwe"], ["1740", "Neder-Betuwe"],
    ["1859", "Berkelland"], ["1876", "Bronckhorst"], ["1945", "Berg en Dal"], ["1955", "Montferland"], ["1960", "West Betuwe"],
  ]),
  ...list("Utrecht", [
    ["0307", "Amersfoort"], ["0308", "Baarn"], ["0310", "De Bilt"], ["0312", "Bunnik"], ["0313", "Bunschoten"], ["0317", "Eemnes"],
    ["0321", "Houten"], ["0327", "Leusden"], ["0331", "Lopik"], ["0335", "Montfoort"], ["0339", "Renswoude"], ["0340", "Rhenen"],
    ["0342", "Soest"], ["0344", "Utrecht"], ["0345", "Veenendaal"], ["0351", "Woudenberg"], ["0352", "Wijk bij Duurstede"], ["0353", "IJsselstein"],
    ["0355", "Zeist"], ["0356", "Nieuwegein"], ["0589", "Oudewater"], ["0632", "Woerden"], ["0736", "De Ronde Venen"], ["1581", "Utrechtse Heuvelrug"],
    ["1904", "Stichtse Vecht"], ["1961", "Vijfheerenlanden"],
  ]),
  ...list("Noord-Holland", [
    ["0358", "Aalsmeer"], ["0361", "Alkmaar"], ["0362", "Amstelveen"], ["0363", "Amsterdam"], ["0373", "Bergen (NH.)"], ["0375", "Beverwijk"],
    ["0376", "Blaricum"], ["0377", "Bloemendaal"], ["0383", "Castricum"], ["0384", "Diemen"], ["0385", "Edam-Volendam"], ["0388", "Enkhuizen"],
    ["0392", "Haarlem"], ["0394", "Haarlemmermeer"], ["0396", "Heemskerk"], ["0397", "Heemstede"], ["0399", "Heiloo"], ["0400", "Den Helder"],
    ["0402", "Hilversum"], ["0405", "Hoorn"], ["0406", "Huizen"], ["0415", "Landsmeer"], ["0417", "Laren"], ["0420", "Medemblik"],
    ["0431", "Oostzaan"], ["0432", "Opmeer"], ["0437", "Ouder-Amstel"], ["0439", "Purmerend"], ["0441", "Schagen"], ["0448", "Texel"],
    ["0450", "Uitgeest"], ["0451", "Uithoorn"], ["0453", "Velsen"], ["0473", "Zandvoort"], ["0479", "Zaanstad"], ["0498", "Drechterland"],
    ["0532", "Stede Broec"], ["0852", "Waterland"], ["0880", "Wormerland"], ["1598", "Koggenland"], ["1696", "Wijdemeren"], ["1911", "Hollands Kroon"],
    ["1942", "Gooise Meren"], ["1980", "Dijk en Waard"],
  ]),
  ...list("Zuid-Holland", [
    ["0482", "Alblasserdam"], ["0484", "Alphen aan den Rijn"], ["0489", "Barendrecht"], ["0502", "Capelle aan den IJssel"], ["0503", "Delft"],
    ["0505", "Dordrecht"], ["0512", "Gorinchem"], ["0513", "Gouda"], ["0518", "'s-Gravenhage"], ["0523", "Hardinxveld-Giessendam"],
    ["0531", "Hendrik-Ido-Ambacht"], ["0534", "Hillegom"], ["0537", "Katwijk"], ["0542", "Krimpen aan den IJssel"], ["0546", "Leiden"],
    ["0547", "Leiderdorp"], ["0553", "Lisse"], ["0556", "Maassluis"], ["0569", "Nieuwkoop"], ["0575", "Noordwijk"], ["0579", "Oegstgeest"],
    ["0590", "Papendrecht"], ["0597", "Ridderkerk"], ["0599", "Rotterdam"], ["0603", "Rijswijk"], ["0606", "Schiedam"], ["0610", "Sliedrecht"],
    ["0613", "Albrandswaard"], ["0622", "Vlaardingen"], ["0626", "Voorschoten"], ["0627", "Waddinxveen"], ["0629", "Wassenaar"],
    ["0637", "Zoetermeer"], ["0638", "Zoeterwoude"], ["0642", "Zwijndrecht"], ["1525", "Teylingen"], ["1621", "Lansingerland"],
    ["1783", "Westland"], ["1842", "Midden-Delfland"], ["1884", "Kaag en Braassem"], ["1892", "Zuidplas"], ["1901", "Bodegraven-Reeuwijk"],
    ["1916", "Leidschendam-Voorburg"], ["1924", "Goeree-Overflakkee"], ["1926", "Pijnacker-Nootdorp"], ["1930", "Nissewaard"],
    ["1931", "Krimpenerwaard"], ["1963", "Hoeksche Waard"], ["1978", "Molenlanden"], ["1992", "Voorne aan Zee"],
  ]),
  ...list("Zeeland", [
    ["0654", "Borsele"], ["0664", "Goes"], ["0677", "Hulst"], ["0678", "Kapelle"], ["0687", "Middelburg"], ["0703", "Reimerswaal"],
    ["0715", "Terneuzen"], ["0716", "Tholen"], ["0717", "Veere"], ["0718", "Vlissingen"], ["1676", "Schouwen-Duiveland"], ["1695", "Noord-Beveland"],
    ["1714", "Sluis"],
  ]),
  ...list("Noord-Brabant", [
    ["0743", "Asten"], ["0744", "Baarle-Nassau"], ["0748", "Bergen op Zoom"], ["0753", "Best"], ["0755", "Boekel"], ["0757", "Boxtel"],
    ["0758", "Breda"], ["0762", "Deurne"], ["0766", "Dongen"], ["0770", "Eersel"], ["0772", "Eindhoven"], ["0777", "Etten-Leur"],
    ["0779", "Geertruidenberg"], ["0784", "Gilze en Rijen"], ["0785", "Goirle"], ["0794", "Helmond"], ["0796", "'s-Hertogenbosch"], ["0797", "Heusden"],
    ["0798", "Hilvarenbeek"], ["0809", "Loon op Zand"], ["0820", "Nuenen, Gerwen en Nederwetten"], ["0823", "Oirschot"], ["0824", "Oisterwijk"],
    ["0826", "Oosterhout"], ["0828", "Oss"], ["0840", "Rucphen"], ["0845", "Sint-Michielsgestel"], ["0847", "Someren"], ["0848", "Son en Breugel"],
    ["0851", "Steenbergen"], ["0855", "Tilburg"], ["0858", "Valkenswaard"], ["0861", "Veldhoven"], ["0865", "Vught"], ["0866", "Waalre"],
    ["0867", "Waalwijk"], ["0873", "Woensdrecht"], ["0879", "Zundert"], ["1652", "Gemert-Bakel"], ["1655", "Halderberge"], ["1658", "Heeze-Leende"],
    ["1659", "Laarbeek"], ["1667", "Reusel-De Mierden"], ["1674", "Roosendaal"], ["1706", "Cranendonck"], ["1709", "Moerdijk"], ["1719", "Drimmelen"],
    ["1721", "Bernheze"], ["1723", "Alphen-Chaam"], ["1724", "Bergeijk"], ["1728", "Bladel"], ["1771", "Geldrop-Mierlo"], ["1948", "Meierijstad"],
    ["1959", "Altena"], ["1982", "Land van Cuijk"], ["1991", "Maashorst"],
  ]),
  ...list("Limburg", [
    ["0882", "Landgraaf"], ["0888", "Beek"], ["0889", "Beesel"], ["0893", "Bergen (L.)"], ["0899", "Brunssum"], ["0907", "Gennep"],
    ["0917", "Heerlen"], ["0928", "Kerkrade"], ["0935", "Maastricht"], ["0938", "Meerssen"], ["0944", "Mook en Middelaar"], ["0946", "Nederweert"],
    ["0957", "Roermond"], ["0965", "Simpelveld"], ["0971", "Stein"], ["0981", "Vaals"], ["0983", "Venlo"], ["0984", "Venray"],
    ["0986", "Voerendaal"], ["0988", "Weert"], ["0994", "Valkenburg aan de Geul"], ["1507", "Horst aan de Maas"], ["1640", "Leudal"],
    ["1641", "Maasgouw"], ["1669", "Roerdalen"], ["1711", "Echt-Susteren"], ["1729", "Gulpen-Wittem"], ["1883", "Sittard-Geleen"],
    ["1894", "Peel en Maas"], ["1903", "Eijsden-Margraten"], ["1954", "Beekdaelen"],
  ]),
];

/**
 * Place names people type that are not (or no longer) a municipality: former municipalities
 * merged away, large towns and city districts. Each resolves to exactly one municipality.
 */
export const PLACE_ALIASES_2026: [alias: string, municipality: string][] = [
  // Rotterdam-Rijnmond
  ["Spijkenisse", "Nissewaard"], ["Heenvliet", "Nissewaard"], ["Zuidland", "Nissewaard"], ["Geervliet", "Nissewaard"],
  ["Hellevoetsluis", "Voorne aan Zee"], ["Brielle", "Voorne aan Zee"], ["Westvoorne", "Voorne aan Zee"], ["Rockanje", "Voorne aan Zee"], ["Oostvoorne", "Voorne aan Zee"],
  ["Hoogvliet", "Rotterdam"], ["Rozenburg", "Rotterdam"], ["Pernis", "Rotterdam"], ["Hoek van Holland", "Rotterdam"], ["Overschie", "Rotterdam"],
  ["Berkel en Rodenrijs", "Lansingerland"], ["Bergschenhoek", "Lansingerland"], ["Bleiswijk", "Lansingerland"],
  ["Middelharnis", "Goeree-Overflakkee"], ["Sommelsdijk", "Goeree-Overflakkee"], ["Ouddorp", "Goeree-Overflakkee"], ["Dirksland", "Goeree-Overflakkee"], ["Oostflakkee", "Goeree-Overflakkee"],
  ["Oud-Beijerland", "Hoeksche Waard"], ["'s-Gravendeel", "Hoeksche Waard"], ["Cromstrijen", "Hoeksche Waard"], ["Binnenmaas", "Hoeksche Waard"], ["Korendijk", "Hoeksche Waard"], ["Strijen", "Hoeksche Waard"],
  ["Capelle a/d IJssel", "Capelle aan den IJssel"], ["Capelle aan de IJssel", "Capelle aan den IJssel"], ["Krimpen a/d IJssel", "Krimpen aan den IJssel"],
  ["Poortugaal", "Albrandswaard"], ["Rhoon", "Albrandswaard"], ["Bolnes", "Ridderkerk"],
  // Rest of Zuid-Holland
  ["Den Haag", "'s-Gravenhage"], ["The Hague", "'s-Gravenhage"], ["Scheveningen", "'s-Gravenhage"], ["Loosduinen", "'s-Gravenhage"],
  ["Voorburg", "Leidschendam-Voorburg"], ["Leidschendam", "Leidschendam-Voorburg"], ["Pijnacker", "Pijnacker-Nootdorp"], ["Nootdorp", "Pijnacker-Nootdorp"],
  ["Naaldwijk", "Westland"], ["Monster", "Westland"], ["Wateringen", "Westland"], ["Nieuwerkerk aan den IJssel", "Zuidplas"], ["Zevenhuizen", "Zuidplas"],
  ["Bodegraven", "Bodegraven-Reeuwijk"], ["Reeuwijk", "Bodegraven-Reeuwijk"], ["Sassenheim", "Teylingen"], ["Voorhout", "Teylingen"],
  ["Schoonhoven", "Krimpenerwaard"], ["Alphen", "Alphen aan den Rijn"], ["Giessenlanden", "Molenlanden"], ["Molenwaard", "Molenlanden"], ["Noordwijkerhout", "Noordwijk"],
  // Noord-Holland (Gooi included)
  ["Bussum", "Gooise Meren"], ["Naarden", "Gooise Meren"], ["Muiden", "Gooise Meren"], ["Muiderberg", "Gooise Meren"],
  ["Loosdrecht", "Wijdemeren"], ["Kortenhoef", "Wijdemeren"], ["Ankeveen", "Wijdemeren"], ["Weesp", "Amsterdam"], ["Amsterdam-Zuidoost", "Amsterdam"],
  ["Heerhugowaard", "Dijk en Waard"], ["Langedijk", "Dijk en Waard"], ["Beemster", "Purmerend"], ["Hoofddorp", "Haarlemmermeer"], ["Nieuw-Vennep", "Haarlemmermeer"],
  ["Zaandam", "Zaanstad"], ["Volendam", "Edam-Volendam"], ["Edam", "Edam-Volendam"], ["IJmuiden", "Velsen"],
  ["Anna Paulowna", "Hollands Kroon"], ["Wieringen", "Hollands Kroon"], ["Schermer", "Alkmaar"],
  // Utrecht, Gelderland (Noord-Veluwe included), Flevoland
  ["Vianen", "Vijfheerenlanden"], ["Leerdam", "Vijfheerenlanden"], ["Maarssen", "Stichtse Vecht"], ["Breukelen", "Stichtse Vecht"],
  ["Doorn", "Utrechtse Heuvelrug"], ["Driebergen", "Utrechtse Heuvelrug"], ["Driebergen-Rijsenburg", "Utrechtse Heuvelrug"], ["Bilthoven", "De Bilt"], ["Mijdrecht", "De Ronde Venen"],
  ["Geldermalsen", "West Betuwe"], ["Lingewaal", "West Betuwe"], ["Groesbeek", "Berg en Dal"], ["Ubbergen", "Berg en Dal"], ["Rijnwaarden", "Zevenaar"],
  ["Hierden", "Harderwijk"], ["Wezep", "Oldebroek"], ["Hattemerbroek", "Oldebroek"], ["Elspeet", "Nunspeet"], ["Vierhouten", "Nunspeet"],
  ["Emmeloord", "Noordoostpolder"],
  // North and east
  ["Haren", "Groningen"], ["Ten Boer", "Groningen"], ["Hoogezand", "Midden-Groningen"], ["Hoogezand-Sappemeer", "Midden-Groningen"], ["Delfzijl", "Eemsdelta"],
  ["Appingedam", "Eemsdelta"], ["Loppersum", "Eemsdelta"], ["Winschoten", "Oldambt"], ["Sneek", "Súdwest-Fryslân"],
  ["Drachten", "Smallingerland"], ["Joure", "De Fryske Marren"], ["Franeker", "Waadhoeke"], ["Dokkum", "Noardeast-Fryslân"], ["Gorredijk", "Opsterland"],
  ["Hengelo (O)", "Hengelo"], ["Hengelo (Ov)", "Hengelo"], ["Rijssen", "Rijssen-Holten"], ["Goor", "Hof van Twente"], ["Nijverdal", "Hellendoorn"],
  // South
  ["Den Bosch", "'s-Hertogenbosch"], ["Rosmalen", "'s-Hertogenbosch"], ["Veghel", "Meierijstad"], ["Schijndel", "Meierijstad"], ["Sint-Oedenrode", "Meierijstad"],
  ["Uden", "Maashorst"], ["Landerd", "Maashorst"], ["Cuijk", "Land van Cuijk"], ["Boxmeer", "Land van Cuijk"], ["Grave", "Land van Cuijk"],
  ["Sint Anthonis", "Land van Cuijk"], ["Mill en Sint Hubert", "Land van Cuijk"], ["Haaren", "Oisterwijk"], ["Nuenen", "Nuenen, Gerwen en Nederwetten"],
  ["Werkendam", "Altena"], ["Aalburg", "Altena"], ["Woudrichem", "Altena"], ["Sittard", "Sittard-Geleen"], ["Geleen", "Sittard-Geleen"],
  ["Valkenburg", "Valkenburg aan de Geul"], ["Horst", "Horst aan de Maas"], ["Onderbanken", "Beekdaelen"], ["Nuth", "Beekdaelen"], ["Schinnen", "Beekdaelen"],
  ["Vlissingen (Flushing)", "Vlissingen"],
];
