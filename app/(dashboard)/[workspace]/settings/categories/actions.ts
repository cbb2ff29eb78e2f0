"use server";
import { serverAction } from "@/lib/actions/server-action";
import { createCategory, retireCategory, unretireCategory, updateCategory } from "@/lib/settings/categories";

export const createCategoryAction = serverAction(createCategory);
export const updateCategoryAction = serverAction(updateCategory);
export const retireCategoryAction = serverAction(retireCategory);
export const unretireCategoryAction = serverAction(unretireCategory);
