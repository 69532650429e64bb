// Generated once from OCHA's P-code list for Mali (valid from 2021-12-20; see DESIGN.md and
// ../shared/reference/facts.md), with names written as users write them (accents restored).
// Taoudénit has no P-code of its own in this list: none is invented here.

export interface ExampleLocation {
	pcode: string;
	name: string;
	level: number;
	/** P-code of the place above; null for the country. */
	parent: string | null;
	validFrom: string | null;
}

export const MALI_LOCATIONS: readonly ExampleLocation[] = [
	{ pcode: 'ML', name: 'Mali', level: 0, parent: null, validFrom: null },
	{ pcode: 'ML01', name: 'Kayes', level: 1, parent: 'ML', validFrom: '2021-12-20' },
	{ pcode: 'ML02', name: 'Koulikoro', level: 1, parent: 'ML', validFrom: '2021-12-20' },
	{ pcode: 'ML03', name: 'Sikasso', level: 1, parent: 'ML', validFrom: '2021-12-20' },
	{ pcode: 'ML04', name: 'Ségou', level: 1, parent: 'ML', validFrom: '2021-12-20' },
	{ pcode: 'ML05', name: 'Mopti', level: 1, parent: 'ML', validFrom: '2021-12-20' },
	{ pcode: 'ML06', name: 'Tombouctou', level: 1, parent: 'ML', validFrom: '2021-12-20' },
	{ pcode: 'ML07', name: 'Gao', level: 1, parent: 'ML', validFrom: '2021-12-20' },
	{ pcode: 'ML08', name: 'Kidal', level: 1, parent: 'ML', validFrom: '2021-12-20' },
	{ pcode: 'ML09', name: 'Bamako', level: 1, parent: 'ML', validFrom: '2021-12-20' },
	{ pcode: 'ML10', name: 'Ménaka', level: 1, parent: 'ML', validFrom: '2021-12-20' },
	{ pcode: 'ML0101', name: 'Bafoulabé', level: 2, parent: 'ML01', validFrom: '2021-12-20' },
	{ pcode: 'ML0102', name: 'Diéma', level: 2, parent: 'ML01', validFrom: '2021-12-20' },
	{ pcode: 'ML0103', name: 'Kayes', level: 2, parent: 'ML01', validFrom: '2021-12-20' },
	{ pcode: 'ML0104', name: 'Kéniéba', level: 2, parent: 'ML01', validFrom: '2021-12-20' },
	{ pcode: 'ML0105', name: 'Kita', level: 2, parent: 'ML01', validFrom: '2021-12-20' },
	{ pcode: 'ML0106', name: 'Nioro', level: 2, parent: 'ML01', validFrom: '2021-12-20' },
	{ pcode: 'ML0107', name: 'Yélimané', level: 2, parent: 'ML01', validFrom: '2021-12-20' },
	{ pcode: 'ML0201', name: 'Banamba', level: 2, parent: 'ML02', validFrom: '2021-12-20' },
	{ pcode: 'ML0202', name: 'Dioïla', level: 2, parent: 'ML02', validFrom: '2021-12-20' },
	{ pcode: 'ML0203', name: 'Kangaba', level: 2, parent: 'ML02', validFrom: '2021-12-20' },
	{ pcode: 'ML0204', name: 'Kati', level: 2, parent: 'ML02', validFrom: '2021-12-20' },
	{ pcode: 'ML0205', name: 'Kolokani', level: 2, parent: 'ML02', validFrom: '2021-12-20' },
	{ pcode: 'ML0206', name: 'Koulikoro', level: 2, parent: 'ML02', validFrom: '2021-12-20' },
	{ pcode: 'ML0207', name: 'Nara', level: 2, parent: 'ML02', validFrom: '2021-12-20' },
	{ pcode: 'ML0301', name: 'Bougouni', level: 2, parent: 'ML03', validFrom: '2021-12-20' },
	{ pcode: 'ML0302', name: 'Kadiolo', level: 2, parent: 'ML03', validFrom: '2021-12-20' },
	{ pcode: 'ML0303', name: 'Kolondiéba', level: 2, parent: 'ML03', validFrom: '2021-12-20' },
	{ pcode: 'ML0304', name: 'Koutiala', level: 2, parent: 'ML03', validFrom: '2021-12-20' },
	{ pcode: 'ML0305', name: 'Sikasso', level: 2, parent: 'ML03', validFrom: '2021-12-20' },
	{ pcode: 'ML0306', name: 'Yanfolila', level: 2, parent: 'ML03', validFrom: '2021-12-20' },
	{ pcode: 'ML0307', name: 'Yorosso', level: 2, parent: 'ML03', validFrom: '2021-12-20' },
	{ pcode: 'ML0401', name: 'Baraouéli', level: 2, parent: 'ML04', validFrom: '2021-12-20' },
	{ pcode: 'ML0402', name: 'Bla', level: 2, parent: 'ML04', validFrom: '2021-12-20' },
	{ pcode: 'ML0403', name: 'Macina', level: 2, parent: 'ML04', validFrom: '2021-12-20' },
	{ pcode: 'ML0404', name: 'Niono', level: 2, parent: 'ML04', validFrom: '2021-12-20' },
	{ pcode: 'ML0405', name: 'San', level: 2, parent: 'ML04', validFrom: '2021-12-20' },
	{ pcode: 'ML0406', name: 'Ségou', level: 2, parent: 'ML04', validFrom: '2021-12-20' },
	{ pcode: 'ML0407', name: 'Tominian', level: 2, parent: 'ML04', validFrom: '2021-12-20' },
	{ pcode: 'ML0501', name: 'Bandiagara', level: 2, parent: 'ML05', validFrom: '2021-12-20' },
	{ pcode: 'ML0502', name: 'Bankass', level: 2, parent: 'ML05', validFrom: '2021-12-20' },
	{ pcode: 'ML0503', name: 'Djenné', level: 2, parent: 'ML05', validFrom: '2021-12-20' },
	{ pcode: 'ML0504', name: 'Douentza', level: 2, parent: 'ML05', validFrom: '2021-12-20' },
	{ pcode: 'ML0505', name: 'Koro', level: 2, parent: 'ML05', validFrom: '2021-12-20' },
	{ pcode: 'ML0506', name: 'Mopti', level: 2, parent: 'ML05', validFrom: '2021-12-20' },
	{ pcode: 'ML0507', name: 'Ténenkou', level: 2, parent: 'ML05', validFrom: '2021-12-20' },
	{ pcode: 'ML0508', name: 'Youwarou', level: 2, parent: 'ML05', validFrom: '2021-12-20' },
	{ pcode: 'ML0601', name: 'Diré', level: 2, parent: 'ML06', validFrom: '2021-12-20' },
	{ pcode: 'ML0602', name: 'Goundam', level: 2, parent: 'ML06', validFrom: '2021-12-20' },
	{ pcode: 'ML0603', name: 'Gourma-Rharous', level: 2, parent: 'ML06', validFrom: '2021-12-20' },
	{ pcode: 'ML0604', name: 'Niafunké', level: 2, parent: 'ML06', validFrom: '2021-12-20' },
	{ pcode: 'ML0605', name: 'Tombouctou', level: 2, parent: 'ML06', validFrom: '2021-12-20' },
	{ pcode: 'ML0701', name: 'Ansongo', level: 2, parent: 'ML07', validFrom: '2021-12-20' },
	{ pcode: 'ML0702', name: 'Bourem', level: 2, parent: 'ML07', validFrom: '2021-12-20' },
	{ pcode: 'ML0703', name: 'Gao', level: 2, parent: 'ML07', validFrom: '2021-12-20' },
	{ pcode: 'ML0801', name: 'Abeïbara', level: 2, parent: 'ML08', validFrom: '2021-12-20' },
	{ pcode: 'ML0802', name: 'Kidal', level: 2, parent: 'ML08', validFrom: '2021-12-20' },
	{ pcode: 'ML0803', name: 'Tessalit', level: 2, parent: 'ML08', validFrom: '2021-12-20' },
	{ pcode: 'ML0804', name: 'Tin-Essako', level: 2, parent: 'ML08', validFrom: '2021-12-20' },
	{ pcode: 'ML0901', name: 'Bamako', level: 2, parent: 'ML09', validFrom: '2021-12-20' },
	{ pcode: 'ML1001', name: 'Ménaka', level: 2, parent: 'ML10', validFrom: '2021-12-20' },
	{ pcode: 'ML1002', name: 'Andéramboukane', level: 2, parent: 'ML10', validFrom: '2021-12-20' },
	{ pcode: 'ML1003', name: 'Inékar', level: 2, parent: 'ML10', validFrom: '2021-12-20' },
	{ pcode: 'ML1004', name: 'Tidermène', level: 2, parent: 'ML10', validFrom: '2021-12-20' }
];
